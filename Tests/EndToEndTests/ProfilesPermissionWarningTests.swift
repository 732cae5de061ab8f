import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A literal `secretKey` in a profiles file that group or others can read: every command that
/// reads the file warns, naming file:line and the field; with `--strict` each refuses (exit 2)
/// and creates nothing. A `{env:}` reference in the same file is no reason to warn.
@Suite(.serialized) struct ProfilesPermissionWarningTests {
    let secret = "S3CRET-readable-\(UUID().uuidString.prefix(8))"

    /// `alpha`'s secretKey is on line 6 (literal) or an `{env:}` reference.
    func profiles(_ baseURL: String, literal: Bool) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: alpha
            accessKey: AK-readable
            secretKey: \(literal ? secret : "{env: READABLE_SECRET}")
            sink: {path: sinks/alpha.token}

        """
    }

    let warning =
        "profiles.yaml:6:16: warning: profiles[0].secretKey: a literal secretKey is stored in a file that group or others can read (mode 644)"
    let error = "profiles.yaml:6:16: error: profiles[0].secretKey: a literal secretKey"

    /// Runs validate, check and the daemon (relative `--config`, so diagnostics name `profiles.yaml`)
    /// and returns each one's status and stderr.
    /// The daemon is stopped with SIGTERM once started unless `refused` (then it must exit by itself).
    func runCommands(_ scratch: Scratch, strict: Bool, refused: Bool = false) async throws -> [(String, Int32, String)]
    {
        let flags = strict ? ["--strict"] : []
        let environment = scratch.environment.merging(["READABLE_SECRET": secret]) { $1 }
        var outcomes: [(String, Int32, String)] = []
        for (name, arguments) in [
            ("validate", ["validate", "--config", "profiles.yaml"]),
            ("check", ["check", "--config", "profiles.yaml", "--log", "check.jsonl"]),
        ] {
            let run = try await CapturedProcess.run(
                arguments + flags, environment: environment, directory: scratch.path + "/logs",
                name: name + (strict ? "-strict" : ""),
                workingDirectory: scratch.path)
            outcomes.append((name, run.status, run.process.stderr))
        }
        let daemon = try CapturedProcess(
            ["daemon", "--config", "profiles.yaml", "--log", "daemon.jsonl", "--socket", scratch.path + "/run/d.sock"]
                + flags,
            environment: environment, directory: scratch.path + "/logs", name: "daemon" + (strict ? "-strict" : ""),
            workingDirectory: scratch.path)
        defer { daemon.stop() }
        if !refused {
            _ = try await daemon.waitForStderr(containing: "daemon started")
            daemon.send(SIGTERM)
        }
        outcomes.append(("daemon", try await daemon.waitForExit(), daemon.stderr))
        return outcomes
    }

    func dashboard(_ scratch: Scratch, strict: Bool) throws -> RecordedTmux {
        try RecordedTmux(
            arguments: ["--config", "profiles.yaml", "--log", "dashboard.jsonl"] + (strict ? ["--strict"] : []),
            environment: scratch.environment.merging(["READABLE_SECRET": secret]) { $1 },
            workingDirectory: scratch.path,
            captures: scratch.path + "/logs", name: "dashboard" + (strict ? "-strict" : ""))
    }

    func sandbox(_ scratch: Scratch) async throws -> SandboxProcess {
        try await SandboxProcess(
            credentialsFile: try scratch.write(
                "logs/credentials.yaml", "- accessKey: AK-readable\n  secretKey: \(secret)\n"))
    }

    func prepare() throws -> Scratch {
        let scratch = try Scratch()
        for directory in ["logs", "run"] {
            try FileManager.default.createDirectory(
                atPath: scratch.path + "/" + directory, withIntermediateDirectories: true)
        }
        return scratch
    }

    @Test func aLiteralSecretInAReadableFileWarnsEverywhere() async throws {
        let scratch = try prepare()
        let sandbox = try await sandbox(scratch)
        defer { sandbox.stop() }
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, literal: true), mode: 0o644)
        for (name, status, stderr) in try await runCommands(scratch, strict: false) {
            #expect(status == 0, "\(name): \(stderr)")
            #expect(stderr.contains(warning), "\(name) did not warn: \(stderr)")
            #expect(!stderr.contains(secret), "\(name) printed the secret")
        }
        let tmux = try dashboard(scratch, strict: false)
        defer { tmux.kill() }
        // The footer is drawn after the table: the wait is for the warning, not only the table.
        let warning = "profiles.yaml:6:16: warning: profiles[0].secretKey"
        let screen = try await tmux.wait("the warning in the footer", limit: 20) {
            $0.contains("● valid") && $0.contains(warning)
        }
        #expect(screen.contains(warning), "\(screen)")
        #expect(!screen.contains(secret))
        try tmux.send("q")
        #expect(try await tmux.wait("exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }

    @Test func strictRefusesItAndCreatesNothing() async throws {
        let scratch = try prepare()
        let sandbox = try await sandbox(scratch)
        defer { sandbox.stop() }
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, literal: true), mode: 0o644)
        let before = PermissionsSweepTests.paths(under: scratch.path)
        for (name, status, stderr) in try await runCommands(scratch, strict: true, refused: true) {
            #expect(status == 2, "\(name): \(stderr)")
            #expect(stderr.contains(error), "\(name) did not name the error: \(stderr)")
        }
        let tmux = try dashboard(scratch, strict: true)
        defer { tmux.kill() }
        let screen = try await tmux.wait("the dashboard's refusal", limit: 20) { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=2"), "\(screen)")
        #expect(screen.contains("error: profiles[0].secretKey"), "\(screen)")
        // Only the test's own captures are new: no state or instance directory, lock, result
        // log, socket or sink.
        let created = PermissionsSweepTests.paths(under: scratch.path).subtracting(before).filter {
            !$0.hasPrefix(scratch.path + "/logs/")
        }
        #expect(created.isEmpty, "left behind: \(created.sorted())")
        #expect(try sandbox.stats()["requests"] as? Int == 0, "a refused run asked for a token")
    }

    /// A daemon started with --strict on a private file refuses a reload once the file became
    /// readable with a literal secret in it, and keeps running what it had.
    @Test func strictAlsoRefusesSuchAFileOnReload() async throws {
        let scratch = try prepare()
        let sandbox = try await sandbox(scratch)
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, literal: true), mode: 0o600)
        let daemon = try CapturedProcess(
            [
                "daemon", "--strict", "--config", "profiles.yaml", "--log", "daemon.jsonl", "--socket",
                scratch.path + "/run/d.sock",
            ],
            environment: scratch.environment, directory: scratch.path + "/logs", name: "daemon-reload",
            workingDirectory: scratch.path)
        defer { daemon.stop() }
        _ = try await daemon.waitForStderr(containing: "daemon started")
        #expect(chmod(config, 0o644) == 0)
        daemon.send(SIGHUP)
        let failed = try await daemon.waitForStderr(containing: "reload failed")
        #expect(failed.contains("still running the previous 1 profile"), "\(failed)")
        #expect(daemon.stderr.contains("reload: ") && daemon.stderr.contains(error), "\(daemon.stderr)")
        #expect(!daemon.stderr.contains(secret))
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aReferenceInAReadableFileIsNoReasonToWarn() async throws {
        let scratch = try prepare()
        let sandbox = try await sandbox(scratch)
        defer { sandbox.stop() }
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, literal: false), mode: 0o644)
        for (name, status, stderr) in try await runCommands(scratch, strict: true) {
            #expect(status == 0, "\(name): \(stderr)")
            #expect(!stderr.contains("a literal secretKey"), "\(name) warned: \(stderr)")
        }
    }
}
