import Foundation
import Runtime
import Testing
import TokenModel

/// Two dashboards on one profiles file (one refresher, one viewer), the refusal when the lock
/// holder cannot be reached, and `y`/`Y` copying through OSC 52 into tmux's buffer.
@Suite(.serialized) struct AttachTmuxTests {
    let secret = "S3CRET-attach-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        """
        - accessKey: AK-alpha-0001
          secretKey: \(secret)
          lifetime: 300s
        - accessKey: AK-beta-0002
          secretKey: \(secret)
          lifetime: 300s
        """
    }

    func profiles(_ baseURL: String) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: alpha
            merchant: Alpha Merchant
            accessKey: AK-alpha-0001
            secretKey: \(secret)
          - name: beta
            merchant: Beta Merchant
            accessKey: AK-beta-0002
            secretKey: \(secret)
        """
    }

    /// The dashboard on `config` in its own tmux server; the shell prints `EXIT=<status>` after.
    static func dashboard(_ scratch: Scratch, config: String, log: String, extra: String = "") throws -> TmuxSession {
        let binary = try Binary.path()
        let d = scratch.path
        let command = """
            trap : INT; cd '\(d)' && XDG_CONFIG_HOME='\(d)/config' XDG_STATE_HOME='\(d)/state' TERM=xterm-256color \
            '\(binary)' --config '\(config)' --log '\(log)' \(extra); echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 120, rows: 40)
    }

    /// `TmuxSession.waitFor` that sleeps with `Task.sleep`: these tests are async so their waits
    /// do not hold one of the two cooperative threads the rest of the suite needs.
    @discardableResult
    static func wait(
        _ tmux: TmuxSession, _ what: String, limit: TimeInterval = 10, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(limit)
        var screen = ""
        while Date() < deadline {
            screen = try tmux.capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("waited \(limit)s for \(what); the screen shows:\n\(screen)")
    }

    @discardableResult
    static func wait(_ tmux: TmuxSession, text: String, limit: TimeInterval = 10) async throws -> String {
        try await wait(tmux, "'\(text)'", limit: limit) { $0.contains(text) }
    }

    static func requests(_ sandbox: SandboxProcess) throws -> Int { try sandbox.stats()["requests"] as? Int ?? -1 }

    static func waitForRequests(_ sandbox: SandboxProcess, _ count: Int, limit: TimeInterval = 20) async throws {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if try requests(sandbox) >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the sandbox saw \(try requests(sandbox)) token requests, not \(count), within \(limit)s")
    }

    @Test func aSecondDashboardAttachesAndItsKeysReachTheOneRefresher() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))

        // No manual rate limit in the owner, so the viewer's r sends a request at once.
        let first = try Self.dashboard(
            scratch, config: config, log: scratch.path + "/first.jsonl", extra: "--manual-refresh-interval 0")
        defer { first.kill() }
        try await Self.wait(first, "both profiles valid", limit: 20) {
            $0.components(separatedBy: "● valid").count == 3
        }
        try await Self.waitForRequests(sandbox, 2)
        #expect(try Self.requests(sandbox) == 2)

        let second = try Self.dashboard(scratch, config: config, log: scratch.path + "/second.jsonl")
        defer { second.kill() }
        // beta's row is drawn after alpha's: the wait is for both, or a capture between the two
        // would miss beta.
        let attached = try await Self.wait(second, "the second dashboard attached, with both profiles", limit: 20) {
            $0.contains("attached to dashboard pid") && $0.contains("alpha") && $0.contains("valid")
                && $0.contains("beta")
        }
        #expect(attached.contains("beta"))
        try await Task.sleep(for: .seconds(1))
        #expect(try Self.requests(sandbox) == 2, "the viewer fetched tokens of its own")

        // r in the viewer: the owner refreshes alpha, once.
        try second.send("r")
        try await Self.waitForRequests(sandbox, 3)
        try await Task.sleep(for: .seconds(1.5))
        #expect(try Self.requests(sandbox) == 3, "exactly one refresher")
        let ownerLog = try scratch.read("first.jsonl").split(separator: "\n")
        #expect(ownerLog.count == 3)
        #expect(ownerLog.last?.contains(#""trigger":"manual""#) == true)
        #expect(
            !FileManager.default.fileExists(atPath: scratch.path + "/second.jsonl"), "the viewer writes no result log")
        // The viewer hears about the refresh too.
        try await Self.wait(second, "the manual refresh in the viewer's log") {
            $0.components(separatedBy: "alpha").count >= 3
        }

        // The owner quits: the viewer says so (it does not take over), then quits cleanly too.
        try first.send("q")
        #expect(try await Self.wait(first, "the owner's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
        // The header label is drawn left to right: the wait is for all of it.
        let detached = try await Self.wait(second, "the viewer to say the owner went away") {
            $0.contains("detached") && $0.contains("went away")
        }
        #expect(detached.contains("went away"))
        try second.send("q")
        #expect(try await Self.wait(second, "the viewer's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
        let instances = scratch.path + "/state/tokentop/instances"
        let directories = try FileManager.default.contentsOfDirectory(atPath: instances)
        #expect(directories.count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: instances + "/" + (directories.first ?? ""))
        #expect(!files.contains("owner.json"), "owner.json is removed on a clean exit: \(files)")
    }

    @Test func aLockHolderThatDoesNotAnswerIsRefusedClearly() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", profiles("http://127.0.0.1:9"))
        let instance = InstanceDirectory(configPath: config, environment: ["XDG_STATE_HOME": scratch.path + "/state"])
        try instance.create()
        let lock = try #require(try InstanceLock.acquire(at: instance.lockPath))
        defer { lock.release() }

        let tmux = try Self.dashboard(scratch, config: config, log: scratch.path + "/results.jsonl")
        defer { tmux.kill() }
        let screen = try await Self.wait(tmux, "the refusal", limit: 20) { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=2"))
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("cannot attach"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/results.jsonl"))
    }

    @Test func yAndShiftYCopyThroughOSC52IntoTmuxsBuffer() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))
        let tmux = try Self.dashboard(scratch, config: config, log: scratch.path + "/results.jsonl")
        defer { tmux.kill() }
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try await Self.wait(tmux, "both profiles valid", limit: 20) { $0.components(separatedBy: "● valid").count == 3 }

        // The fingerprint of alpha's token, from the result log (which never holds the token).
        let lines = try scratch.read("results.jsonl").split(separator: "\n")
        let alpha = try #require(
            lines.last { $0.contains(#""profile":"alpha""#) && $0.contains(#""outcome":"success""#) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(alpha.utf8)) as? [String: Any])
        let fingerprint = try #require(object["tokenFingerprint"] as? String)

        try tmux.send("y")
        // The dialog's title is drawn before its body; a capture between the two sees only the
        // title, so the wait is for the whole dialog, which must say the token is never shown.
        let title = "Copy token of alpha (fingerprint \(fingerprint))"
        try await Self.wait(tmux, "the copy dialog saying the token is never shown") {
            $0.contains(title) && $0.contains("never shown")
        }
        try tmux.send("y")
        let copied = try await Self.wait(tmux, text: "copied the token of alpha")
        let buffer = try tmux.run(["show-buffer"])
        // Compared by fingerprint: the token is never printed, even when this fails.
        #expect(SecretString(buffer).fingerprint == fingerprint, "the clipboard does not hold alpha's token")
        #expect(!copied.contains(buffer), "the token is on screen")

        try tmux.send("Y")
        try await Self.wait(tmux, text: "Copy the Authorization header of alpha")
        try tmux.send("y")
        try await Self.wait(tmux, text: "copied the Authorization header of alpha")
        let header = try tmux.run(["show-buffer"])
        #expect(header.hasPrefix("Authorization: Bearer "))
        #expect(SecretString(String(header.dropFirst("Authorization: Bearer ".count))).fingerprint == fingerprint)
        #expect(
            !(try tmux.capture()).contains(String(header.dropFirst("Authorization: Bearer ".count))),
            "the token is on screen")
        try tmux.send("q")
        #expect(try await Self.wait(tmux, "exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}
