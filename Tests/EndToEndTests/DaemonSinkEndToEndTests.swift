import Crypto
import Foundation
import Testing
import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon writing token sinks, running `onRefresh`, reusing sink tokens after a restart, and
/// serving a dashboard attached to it.
@Suite(.serialized) struct DaemonSinkEndToEndTests {
    let secretA = "S3CRET-sink-a-\(UUID().uuidString.prefix(8))"
    let secretB = "S3CRET-sink-b-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        """
        - accessKey: AK-sink-a
          secretKey: \(secretA)
          lifetime: 600s
        - accessKey: AK-sink-b
          secretKey: \(secretB)
          lifetime: 600s
        """
    }

    /// `alpha` writes a json sink and runs a hook that records its whole environment; `beta`
    /// writes a raw sink (its expiry lives only in the instance's sinks.json) and reads its
    /// secret from the daemon's environment (`SINK_E2E_SECRET_B`), which no hook may inherit.
    func profiles(_ baseURL: String, _ scratch: Scratch) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: alpha
            accessKey: AK-sink-a
            secretKey: \(secretA)
            sink: {path: sinks/alpha.json, format: json}
            onRefresh: "env | sort > '\(scratch.path)/hook-env.txt'; echo \\"$@\\" > '\(scratch.path)/hook-args.txt'"
          - name: beta
            accessKey: AK-sink-b
            secretKey: {env: SINK_E2E_SECRET_B}
            sink: {path: sinks/beta.token, format: raw, mode: "0640"}
        """
    }

    func issued(_ sandbox: SandboxProcess, _ key: String) throws -> Int {
        let keys = try sandbox.stats()["accessKeys"] as? [String: Any]
        return (keys?[key] as? [String: Any])?["issued"] as? Int ?? 0
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    /// The token fingerprint the result log recorded last for `profile`.
    func loggedFingerprint(_ log: String, _ profile: String) throws -> String? {
        let text = try String(contentsOfFile: log, encoding: .utf8)
        for line in text.split(separator: "\n").reversed() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["profile"] as? String == profile, let fingerprint = object["tokenFingerprint"] as? String
            else { continue }
            return fingerprint
        }
        return nil
    }

    @Test func sinksAreWrittenHooksRunAndARestartReusesTheTokens() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, scratch))
        let log = scratch.path + "/results.jsonl"
        let alphaSink = scratch.path + "/sinks/alpha.json"
        let betaSink = scratch.path + "/sinks/beta.token"

        let first = try await DaemonProcess(
            config: config, log: log, scratch: scratch, environment: ["SINK_E2E_SECRET_B": secretB])
        defer { first.stop() }
        #expect(
            try await first.wait(upTo: 20) {
                FileManager.default.fileExists(atPath: betaSink)
                    && FileManager.default.fileExists(atPath: scratch.path + "/hook-env.txt")
            }, "\(first.printed)")
        #expect(try issued(sandbox, "AK-sink-a") == 1 && issued(sandbox, "AK-sink-b") == 1)

        // Modes: 0600 by default, what the profile asked for otherwise.
        #expect(mode(alphaSink) == 0o600)
        #expect(mode(betaSink) == 0o640)
        // The sinks hold the tokens the sandbox issued: their fingerprints are the logged ones.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: alphaSink))) as? [String: Any])
        let alphaToken = try #require(json["token"] as? String)
        #expect(json["profile"] as? String == "alpha")
        #expect(json["expiresAt"] is String && json["expiry"] is NSNumber)
        #expect(SecretString(alphaToken).fingerprint == (try loggedFingerprint(log, "alpha")))
        let betaToken = try String(contentsOfFile: betaSink, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(SecretString(betaToken).fingerprint == (try loggedFingerprint(log, "beta")))
        #expect(alphaToken != betaToken)

        // The hook saw the profile and the sink path, never the token (in its environment or arguments).
        // Read once it finished: its files exist from the moment the shell opens them.
        #expect(
            try await first.wait(upTo: 5) { first.printed.contains { $0.contains("exit 0") && $0.contains("alpha") } },
            "\(first.printed)")
        let hookEnvironment = try scratch.read("hook-env.txt")
        #expect(hookEnvironment.contains("TOKENTOP_PROFILE=alpha"))
        #expect(hookEnvironment.contains("TOKENTOP_SINK=\(alphaSink)"))
        #expect(!hookEnvironment.contains(alphaToken))
        // The daemon's environment holds beta's {env:} secret; the hook's does not.
        #expect(!hookEnvironment.contains(secretB) && !hookEnvironment.contains("SINK_E2E_SECRET_B"))
        #expect(!hookEnvironment.contains(betaToken))
        #expect(!(try scratch.read("hook-args.txt")).contains(alphaToken))

        // Restart: both sinks still hold tokens valid for ~10 minutes, so no new token is asked for.
        first.send(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        let requestsBefore = try sandbox.stats()["requests"] as? Int
        let daemon = try await DaemonProcess(
            config: config, log: log, scratch: scratch, environment: ["SINK_E2E_SECRET_B": secretB])
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 10) { try daemon.health().status == 200 }, "\(daemon.printed)")
        let reused = daemon.printed.filter { $0.contains("reusing sink token") }
        #expect(reused.count == 2, "\(daemon.printed)")
        try await Task.sleep(for: .seconds(2.5))  // past the start-up spread: nothing fetched after all
        #expect(try sandbox.stats()["requests"] as? Int == requestsBefore)
        #expect(try issued(sandbox, "AK-sink-a") == 1 && issued(sandbox, "AK-sink-b") == 1)
        #expect(try daemon.metrics().contains("tokentop_profile_state{profile=\"beta\",state=\"valid\"} 1.0"))

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let printed = (first.printed + daemon.printed).joined(separator: "\n")
        for secret in [secretA, secretB, alphaToken, betaToken] { #expect(!printed.contains(secret)) }
        #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains(alphaToken))
    }

    /// What a version 1 `sinks.json` recorded as `account`: 64 bits of a plain SHA-256 of the
    /// endpoint, keys and headers (these profiles have none).
    func plainHash(baseURL: String, accessKey: String, secretKey: String) -> String {
        let text = "tokentop-account-v1\n\(baseURL)\n\(accessKey)\n\(secretKey)\n"
        return String(SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16))
    }

    /// A `sinks.json` written by a version that recorded plain hashes: the entry whose
    /// credentials still match keeps its token through the upgrade (no request), the other is
    /// fetched anew, and the file is rewritten as version 2 without the plain hashes. Then a
    /// damaged `sinks.key` stops the daemon with a clear error.
    /// Without any sink there is nothing for `sinks.key` to protect: it is not made.
    @Test func noSinkNoKeyFile() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-sink-a
                secretKey: \(secretA)
            """)
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { try issued(sandbox, "AK-sink-a") == 1 }, "\(daemon.printed)")
        let instances = scratch.path + "/state/tokentop/instances"
        let instance =
            instances + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: instances).first))
        let names = try FileManager.default.contentsOfDirectory(atPath: instance)
        #expect(!names.contains("sinks.key") && !names.contains("sinks.json"), "\(names)")
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aVersionOneSinksFileIsUpgradedWithoutANewToken() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, scratch))
        let log = scratch.path + "/results.jsonl"
        let environment = ["SINK_E2E_SECRET_B": secretB]

        let first = try await DaemonProcess(config: config, log: log, scratch: scratch, environment: environment)
        defer { first.stop() }
        #expect(
            try await first.wait(upTo: 20) {
                FileManager.default.fileExists(atPath: scratch.path + "/sinks/alpha.json")
                    && FileManager.default.fileExists(atPath: scratch.path + "/sinks/beta.token")
            }, "\(first.printed)")
        first.send(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(try issued(sandbox, "AK-sink-a") == 1 && issued(sandbox, "AK-sink-b") == 1)

        let instances = scratch.path + "/state/tokentop/instances"
        let instance =
            instances + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: instances).first))
        let statePath = instance + "/sinks.json"
        let current = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(current.hasPrefix("{\"version\":2,"))
        // As the older version wrote it: alpha's hash of its credentials; beta's of a secret it
        // had before (so it does not match any more).
        let alphaHash = plainHash(baseURL: sandbox.baseURL, accessKey: "AK-sink-a", secretKey: secretA)
        let betaHash = plainHash(baseURL: sandbox.baseURL, accessKey: "AK-sink-b", secretKey: "an-older-secret")
        var old = current.replacingOccurrences(of: "{\"version\":2,", with: "{\"version\":1,")
        let accounts = try NSRegularExpression(pattern: "\"account\":\"[0-9a-f]+\"")
        let matches = accounts.matches(in: old, range: NSRange(old.startIndex..., in: old))
        #expect(matches.count == 2)
        for (index, match) in matches.enumerated().reversed() {
            let range = try #require(Range(match.range, in: old))
            // Profiles are written sorted by name: alpha, then beta.
            old.replaceSubrange(range, with: "\"account\":\"\(index == 0 ? alphaHash : betaHash)\"")
        }
        try old.write(toFile: statePath, atomically: true, encoding: .utf8)

        let daemon = try await DaemonProcess(config: config, log: log, scratch: scratch, environment: environment)
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { try issued(sandbox, "AK-sink-b") == 2 }, "\(daemon.printed)")
        #expect(daemon.printed.contains { $0.contains("alpha: reusing sink token") }, "\(daemon.printed)")
        #expect(
            daemon.printed.contains { $0.contains("beta: not reusing sink token (the profile's credentials changed") },
            "\(daemon.printed)")
        try await Task.sleep(for: .seconds(2.5))  // past the start-up spread: alpha is not fetched after all
        #expect(try issued(sandbox, "AK-sink-a") == 1)
        let upgraded = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(upgraded.hasPrefix("{\"version\":2,"), "\(upgraded)")
        #expect(!upgraded.contains(alphaHash) && !upgraded.contains(betaHash))
        #expect(upgraded.contains("\"alpha\"") && upgraded.contains("\"beta\""))
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)

        // A damaged key: refused with a message naming the file and what to do, exit 2.
        let keyPath = instance + "/sinks.key"
        #expect(truncate(keyPath, 5) == 0)
        let refused = try BackgroundProcess(
            ["daemon", "--config", config, "--log", log, "--socket", scratch.path + "/daemon.sock"],
            environment: ["XDG_STATE_HOME": scratch.path + "/state", "XDG_RUNTIME_DIR": scratch.path + "/run"]
                .merging(environment) { _, new in new })
        defer { refused.stop() }
        #expect(try await AsyncWait.exit(of: refused.process, limit: 20))
        #expect(refused.process.terminationStatus == 2)
        #expect(
            try await AsyncWait.until(limit: 5) {
                refused.printed.contains { $0.contains(keyPath) && $0.contains("5 bytes") && $0.contains("remove it") }
            }, "\(refused.printed)")
        #expect(try issued(sandbox, "AK-sink-a") == 1 && issued(sandbox, "AK-sink-b") == 2)
    }

    /// SIGTERM while an `onRefresh` hook still runs: the daemon lets it finish (the hook is in a
    /// process group of its own, so the signal never reaches it), then exits 0 with the sink,
    /// the hook's work and the result log all whole.
    @Test func sigtermWhileAHookRunsWaitsForItThenExitsZero() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let started = scratch.path + "/hook-started"
        let done = scratch.path + "/hook-done"
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-sink-a
                secretKey: \(secretA)
                sink: {path: sinks/alpha.json, format: json}
                onRefresh: "echo started > '\(started)'; sleep 2; echo done > '\(done)'"
            """)
        let log = scratch.path + "/results.jsonl"
        let daemon = try await DaemonProcess(
            config: config, log: log, scratch: scratch, environment: ["SINK_E2E_SECRET_B": secretB])
        defer { daemon.stop() }

        // The sink is written before the hook starts; SIGTERM as soon as the hook runs.
        #expect(
            try await daemon.wait(upTo: 20) { FileManager.default.fileExists(atPath: started) }, "\(daemon.printed)")
        #expect(
            !FileManager.default.fileExists(atPath: done), "the hook finished before the test could stop the daemon")
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.printed)")

        // The hook ran to its end (not killed), and the daemon said so before it stopped.
        #expect((try? scratch.read("hook-done")) == "done\n")
        let printed = daemon.printed
        let stopping = try #require(printed.firstIndex { $0.contains("SIGTERM: stopping") }, "\(printed)")
        let hook = try #require(
            printed.firstIndex { $0.contains("onRefresh") && $0.contains("exit 0") && $0.contains("alpha") },
            "\(printed)")
        #expect(stopping < hook, "the hook ended before the daemon saw SIGTERM: \(printed)")
        #expect(printed.last?.hasSuffix("stopped") == true, "\(printed)")
        #expect(!printed.joined(separator: "\n").contains(secretA))

        // The sink is whole: one complete JSON file holding the token the result log names, no
        // temporary file beside it.
        let sinkData = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/sinks/alpha.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: sinkData) as? [String: Any])
        let token = try #require(json["token"] as? String)
        #expect(SecretString(token).fingerprint == (try loggedFingerprint(log, "alpha")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/sinks") == ["alpha.json"])

        // The result log ends with a whole JSON line.
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "the result log ends mid-line")
        let last = try #require(text.split(separator: "\n").last)
        #expect((try? JSONSerialization.jsonObject(with: Data(last.utf8))) is [String: Any], "\(last)")
        #expect(try issued(sandbox, "AK-sink-a") == 1)
    }

    @Test func aDashboardAttachesToTheDaemonAndItsRefreshReachesIt() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, scratch))
        // No manual rate limit, so the dashboard's r sends a request at once.
        let daemon = try await DaemonProcess(
            config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
            extraArguments: ["--manual-refresh-interval", "0"],
            environment: ["SINK_E2E_SECRET_B": secretB])
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { try daemon.health().status == 200 }, "\(daemon.printed)")
        let before = try sandbox.stats()["requests"] as? Int ?? -1

        let tmux = try AttachTmuxTests.dashboard(scratch, config: config, log: scratch.path + "/dashboard.jsonl")
        defer { tmux.kill() }
        let screen = try await AttachTmuxTests.wait(tmux, "the dashboard attached to the daemon", limit: 20) {
            $0.contains("attached to daemon pid \(daemon.pid)") && $0.contains("alpha") && $0.contains("beta")
                && $0.contains("valid")
        }
        #expect(screen.contains("valid"))
        #expect(try sandbox.stats()["requests"] as? Int == before, "the attached dashboard fetched on its own")

        // r refreshes the selected profile (alpha) in the daemon: exactly one more request.
        try tmux.send("r")
        try await AttachTmuxTests.waitForRequests(sandbox, before + 1)
        try await Task.sleep(for: .seconds(1))
        #expect(try sandbox.stats()["requests"] as? Int == before + 1)
        #expect(try issued(sandbox, "AK-sink-a") == 2)
        #expect(
            !FileManager.default.fileExists(atPath: scratch.path + "/dashboard.jsonl"),
            "the viewer writes no result log")

        // A second daemon on the same file is refused: one refresher per profiles file.
        let second = try await Binary.run(
            ["daemon", "--config", config, "--socket", scratch.path + "/second.sock"],
            environment: [
                "XDG_STATE_HOME": scratch.path + "/state", "XDG_RUNTIME_DIR": scratch.path + "/run",
                "SINK_E2E_SECRET_B": secretB,
            ])
        #expect(second.status == 2, "\(second.all)")
        #expect(second.stderr.contains("already refreshes \(config)"), "\(second.all)")

        try tmux.send("q")
        #expect(
            try await AttachTmuxTests.wait(tmux, "the dashboard's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}
