import Foundation
import Runtime
import Testing

/// How a dashboard finds the daemon: at the daemon's default socket even when their state
/// directories differ (and through a symlink to the profiles file), with `--socket PATH`
/// whatever profiles file it serves, and through `owner.json` whose socket path is absolute
/// even when the daemon was given a relative `--socket`.
@Suite(.serialized) struct DaemonDiscoveryTests {
    let suite = AttachTmuxTests()

    /// `tokentop <arguments>` in tmux, from `directory` (default: the scratch directory), with
    /// its own state directory and a runtime directory shared by every process of the test.
    static func tokentop(
        _ scratch: Scratch, _ arguments: String, state: String, directory: String? = nil, barrier: String? = nil
    ) throws -> TmuxSession {
        let binary = try Binary.path()
        let d = scratch.path
        let wait = barrier.map { "while [ ! -e '\($0)' ]; do sleep 0.01; done; " } ?? ""
        let command = """
            trap : INT; \(wait)cd '\(directory ?? d)' && XDG_CONFIG_HOME='\(d)/config' XDG_STATE_HOME='\(d)/\(state)' \
            XDG_RUNTIME_DIR='\(d)/run' TERM=xterm-256color '\(binary)' \(arguments); echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 160, rows: 40)
    }

    /// A daemon in tmux, waited for until it logs that it started.
    static func daemon(
        _ scratch: Scratch, _ arguments: String, state: String = "daemon-state", directory: String? = nil
    ) async throws
        -> TmuxSession
    {
        let tmux = try tokentop(
            scratch, "daemon --log '\(scratch.path)/daemon.jsonl' \(arguments)", state: state, directory: directory)
        try await AttachTmuxTests.wait(tmux, "the daemon to start", limit: 30) {
            $0.contains("daemon started") || $0.contains("EXIT=")
        }
        return tmux
    }

    static func stop(_ daemon: TmuxSession) async throws {
        try daemon.send("C-c")
        try await AttachTmuxTests.wait(daemon, "the daemon's exit", limit: 20) { $0.contains("EXIT=") }
    }

    func start(_ scratch: Scratch) async throws -> (SandboxProcess, String) {
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", suite.credentials()))
        let config = try scratch.write("served.yaml", suite.profiles(sandbox.baseURL))
        return (sandbox, config)
    }

    @Test func aDashboardWithAnotherStateDirectoryFindsTheDaemonAtItsDefaultSocketThroughASymlink() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try await start(scratch)
        defer { sandbox.stop() }
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.yaml", withDestinationPath: config)

        let daemon = try await Self.daemon(scratch, "--config '\(config)'")
        defer { daemon.kill() }
        try await AttachTmuxTests.waitForRequests(sandbox, 2)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/run/tokentop/tokentop.sock"))

        // Another state directory (owner.json is not there), the file reached through a link.
        let viewer = try Self.tokentop(
            scratch, "--config '\(scratch.path)/link.yaml' --log '\(scratch.path)/viewer.jsonl'", state: "state")
        defer { viewer.kill() }
        let screen = try await AttachTmuxTests.wait(viewer, "the dashboard to attach to the daemon", limit: 20) {
            $0.contains("attached to daemon pid") || $0.contains("EXIT=")
        }
        #expect(screen.contains("attached to daemon pid"))
        try await AttachTmuxTests.wait(viewer, "both profiles valid") {
            $0.components(separatedBy: "● valid").count == 3
        }
        try await Task.sleep(for: .seconds(1))
        #expect(try AttachTmuxTests.requests(sandbox) == 2, "the dashboard refreshed on its own beside the daemon")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/viewer.jsonl"))
        try viewer.send("q")
        try await AttachTmuxTests.wait(viewer, "the viewer's exit") { $0.contains("EXIT=") }
        try await Self.stop(daemon)
    }

    @Test func dashSocketAttachesWhateverConfigItServesAndShowsIt() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try await start(scratch)
        defer { sandbox.stop() }
        // No manual rate limit, so the viewer's r sends a request at once.
        let daemon = try await Self.daemon(
            scratch, "--config '\(config)' --socket '\(scratch.path)/d.sock' --manual-refresh-interval 0")
        defer { daemon.kill() }
        try await AttachTmuxTests.waitForRequests(sandbox, 2)

        // No --config, and no profiles file where this dashboard would look by default.
        let viewer = try Self.tokentop(scratch, "--socket d.sock --log '\(scratch.path)/viewer.jsonl'", state: "state")
        defer { viewer.kill() }
        let screen = try await AttachTmuxTests.wait(viewer, "the dashboard to attach", limit: 20) {
            ($0.contains("attached to daemon pid") && $0.contains("alpha") && $0.contains("served.yaml"))
                || $0.contains("EXIT=")
        }
        #expect(screen.contains("served.yaml"), "the header does not name the profiles file the daemon serves")
        try viewer.send("r")
        try await AttachTmuxTests.waitForRequests(sandbox, 3)
        try viewer.send("q")
        #expect(try await AttachTmuxTests.wait(viewer, "the viewer's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
        try await Self.stop(daemon)
    }

    @Test func dashSocketWhereNothingAnswersIsRefused() async throws {
        let scratch = try Scratch()
        let viewer = try Self.tokentop(scratch, "--socket '\(scratch.path)/nothing.sock'", state: "state")
        defer { viewer.kill() }
        let screen = try await AttachTmuxTests.wait(viewer, "the refusal", limit: 20) { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=2"))
        #expect(
            screen.replacingOccurrences(of: "\n", with: "").contains(
                "nothing tokentop answers on --socket \(scratch.path)/nothing.sock"))
    }

    @Test func aRelativeDashSocketIsRecordedAbsolute() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try await start(scratch)
        defer { sandbox.stop() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/work", withIntermediateDirectories: true)
        let daemon = try await Self.daemon(
            scratch, "--config '\(config)' --socket rel.sock", state: "state", directory: scratch.path + "/work")
        defer { daemon.kill() }
        let instance = InstanceDirectory(configPath: config, environment: ["XDG_STATE_HOME": scratch.path + "/state"])
        let owner = try #require(OwnerRecord.read(from: instance.ownerPath))
        let expected = URL(fileURLWithPath: scratch.path + "/work/rel.sock").resolvingSymlinksInPath().path
        #expect(URL(fileURLWithPath: owner.socket).resolvingSymlinksInPath().path == expected)
        #expect(owner.socket.hasPrefix("/"), "owner.json names a relative socket: \(owner.socket)")

        // A dashboard started elsewhere finds it through owner.json.
        let viewer = try Self.tokentop(
            scratch, "--config '\(config)' --log '\(scratch.path)/viewer.jsonl'", state: "state", directory: "/")
        defer { viewer.kill() }
        let screen = try await AttachTmuxTests.wait(viewer, "the dashboard to attach", limit: 20) {
            $0.contains("attached to daemon pid") || $0.contains("EXIT=")
        }
        #expect(screen.contains("attached to daemon pid"))
        try viewer.send("q")
        try await AttachTmuxTests.wait(viewer, "the viewer's exit") { $0.contains("EXIT=") }
        try await Self.stop(daemon)
    }
}
