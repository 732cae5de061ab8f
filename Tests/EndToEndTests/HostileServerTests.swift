import Foundation
import Testing

/// `tokentop check` against deliberately broken token endpoints: every profile must end in a
/// clear outcome with a reason, one result-log line each, and nothing may crash or hang.
@Suite struct HostileServerTests {
    /// A TLS server (openssl s_server with a throw-away certificate) for plain HTTP sent to a TLS port.
    static func tlsServer(_ scratch: Scratch) async throws -> (Process, UInt16) {
        let key = scratch.path + "/tls.key"
        let cert = scratch.path + "/tls.crt"
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
            "-keyout", key, "-out", cert,
        ]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        _ = try await AsyncWait.exit(of: make, limit: 30)
        guard make.terminationStatus == 0 else {
            throw TestFailure(
                "openssl is needed for the TLS case (apt-get install openssl); it exited \(make.terminationStatus)")
        }
        for port in UInt16.random(in: 20000...40000)..<UInt16(40100) {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = [
                "openssl", "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key,
            ]
            server.standardInput = Pipe()
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            try await Task.sleep(for: .milliseconds(300))
            if server.isRunning { return (server, port) }
        }
        throw TestFailure("could not start openssl s_server on a free port")
    }

    @Test func everyBrokenAnswerEndsInAClearOutcomeAndOneLogLine() async throws {
        let scratch = try Scratch()
        let hostile = try HostileServer()
        defer { hostile.stop() }
        let (tls, tlsPort) = try await Self.tlsServer(scratch)
        // SIGKILL: the child inherits the test runner's blocked signals, SIGTERM among them, so a
        // SIGTERM stays pending, and the runner may exit before the fallback's SIGKILL (each run
        // left an `openssl s_server` behind).
        defer { AsyncWait.stopInBackground(tls, first: SIGKILL) }

        var profiles = "concurrency: 32\ndefaults:\n  refresh: {timeout: 3s}\nprofiles:\n"
        for behaviour in HostileServer.Behaviour.allCases {
            profiles += "  - name: \(behaviour.rawValue)\n    baseURL: http://127.0.0.1:\(hostile.port)\n"
            profiles += "    accessKey: \(behaviour.rawValue)\n    secretKey: hostile-secret\n"
        }
        profiles +=
            "  - name: tls-to-plain-port\n    baseURL: https://127.0.0.1:\(hostile.port)\n    accessKey: tls\n    secretKey: hostile-secret\n"
        profiles +=
            "  - name: plain-to-tls-port\n    baseURL: http://127.0.0.1:\(tlsPort)\n    accessKey: plain\n    secretKey: hostile-secret\n"
        let config = try scratch.write("profiles.yaml", profiles)
        let log = scratch.path + "/results.jsonl"
        let started = Date()
        let run = try await Binary.run(
            ["check", "--config", config, "--json", "--log", log], environment: scratch.environment, limit: 60)
        let elapsed = Date().timeIntervalSince(started)

        #expect(run.status == 1, "some profiles must fail: \(run.all)")
        #expect(!run.stderr.contains("Fatal error"), "\(run.stderr)")
        #expect(elapsed < 20, "the whole check took \(elapsed) s; timeouts are 3 s")
        let results = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stdout)")
        let count = HostileServer.Behaviour.allCases.count + 2
        #expect(results.count == count)
        var outcomes: [String: String] = [:]
        for result in results {
            let name = try #require(result["profile"] as? String)
            let outcome = try #require(result["outcome"] as? String)
            outcomes[name] = outcome
            if outcome != "success" {
                let reason = (result["error"] as? String) ?? ""
                #expect(!reason.isEmpty, "\(name) failed without saying why: \(result)")
            }
        }
        // Only answers that carry a usable token and a future expiry may succeed.
        let maySucceed: Set = ["expiry-seconds", "expiry-100-years", "resultcode-text"]
        for (name, outcome) in outcomes where outcome == "success" {
            #expect(maySucceed.contains(name), "\(name) succeeded on a broken answer")
        }
        #expect(outcomes["expiry-seconds"] == "success", "expiry in seconds is normalised, not refused")
        // A far expiry is taken (refresh is capped at 24 h after issue); a text resultCode next
        // to a good token is logged as sent and does not spoil the token.
        #expect(outcomes["expiry-100-years"] == "success", "\(outcomes["expiry-100-years"] ?? "missing")")
        #expect(outcomes["resultcode-text"] == "success", "\(outcomes["resultcode-text"] ?? "missing")")
        for name in [
            "html-500", "empty-200", "huge-200", "truncated-json", "json-array", "expiry-text", "token-number",
            "expiry-zero", "expiry-negative", "expiry-past", "redirect-loop", "no-token-200", "reset-mid-body",
            "never-answers", "trickle",
            "tls-to-plain-port", "plain-to-tls-port",
        ] {
            #expect(outcomes[name] == "transient", "\(name): \(outcomes[name] ?? "missing")")
        }
        // Nulls everywhere: no token and no code that says anything; a broken answer.
        #expect(outcomes["nulls"] == "transient", "\(outcomes["nulls"] ?? "missing")")

        // One result-log line per profile, each whole JSON; the token of a broken answer never logged.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line.prefix(200))")
        }
        let everything = run.all + lines.joined(separator: "\n")
        #expect(!everything.contains("hostile-secret"))
        #expect(!everything.contains("hostile-token-"), "a token in the output")
    }
}
