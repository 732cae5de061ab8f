import Foundation
import Testing

/// The built `tokentop` binary against a `tokentop sandbox` process, over real loopback HTTP.
@Suite(.serialized) struct CheckEndToEndTests {
    // Distinctive values: the test searches every byte the programs produced for them.
    let goodSecret = "S3CRET-good-\(UUID().uuidString.prefix(8))"
    let flakySecret = "S3CRET-flaky-\(UUID().uuidString.prefix(8))"
    let wrongSecret = "S3CRET-wrong-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        """
        - accessKey: AK-good-0001
          secretKey: \(goodSecret)
          lifetime: 300s
        - accessKey: AK-down-0002
          secretKey: \(flakySecret)
          lifetime: 300s
          failRate: 1.0
        - accessKey: AK-lock-0003
          secretKey: right-secret-not-used
          lifetime: 300s
          lockAfter: 2
        """
    }

    func profiles(_ baseURL: String, secretFile: String) -> String {
        """
        concurrency: 2
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: good
            merchant: Good Merchant
            accessKey: AK-good-0001
            secretKey: {env: E2E_GOOD_SECRET}
          - name: down
            merchant: Down Merchant
            accessKey: AK-down-0002
            secretKey: {file: \(secretFile)}
          - name: wrong
            merchant: Wrong Secret Ltd
            accessKey: AK-lock-0003
            secretKey: {env: E2E_WRONG_SECRET}
        """
    }

    @Test func checkPrintsEveryProfileLogsEveryAttemptAndLeaksNoSecret() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let secretFile = try scratch.write("down.secret", flakySecret + "\n")
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, secretFile: secretFile))
        let log = scratch.path + "/state/results.jsonl"
        let env = scratch.environment.merging(["E2E_GOOD_SECRET": goodSecret, "E2E_WRONG_SECRET": wrongSecret]) { $1 }

        let table = try await Binary.run(["check", "--config", config, "--log", log], environment: env)
        #expect(table.status == 1, "one profile is down and one is refused: \(table.all)")
        let rows = table.stdout.split(separator: "\n").map(String.init)
        let good = try #require(rows.first { $0.hasPrefix("good ") })
        #expect(good.contains("success") && good.contains("200") && good.contains("Token generated successfully."))
        let down = try #require(rows.first { $0.hasPrefix("down ") })
        #expect(down.contains("transient") && down.contains("50"))
        let wrong = try #require(rows.first { $0.hasPrefix("wrong ") })
        #expect(wrong.contains("rejected") && wrong.contains("401"))
        #expect(table.stdout.contains("1 of 3 profiles got a token"))

        let json = try await Binary.run(
            ["check", "--config", config, "--log", log, "--json", "--profile", "good"], environment: env)
        #expect(json.status == 0, "\(json.all)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["profile"] as? String == "good")
        #expect(array.first?["ok"] as? Bool == true)
        #expect(array.first?["resultCode"] as? Int == 0)
        let remaining = array.first?["remainingSeconds"] as? Int ?? 0
        #expect(remaining > 280 && remaining <= 300)
        #expect((array.first?["tokenFingerprint"] as? String)?.count == 12)

        // Every request the sandbox received has exactly one result-log line.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let stats = try sandbox.stats()
        #expect(lines.count == 4)
        #expect(stats["requests"] as? Int == 4)
        let records = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(Set(records.compactMap { $0["profile"] as? String }) == ["good", "down", "wrong"])
        #expect(records.contains { $0["outcome"] as? String == "rejected" && $0["httpStatus"] as? Int == 401 })
        for record in records {
            for key in [
                "ts", "profile", "merchant", "host", "httpStatus", "resultCode", "resultMessage", "outcome",
                "latencyMs", "expiry", "expiresAt", "nextRefreshAt", "attempt", "error", "tokenFingerprint", "skewMs",
            ] {
                #expect(record.keys.contains(key), "result log line lacks \(key)")
            }
        }
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // No secret anywhere: outputs, result log.
        let everything = table.all + json.all + (try String(contentsOfFile: log, encoding: .utf8))
        for secret in [goodSecret, flakySecret, wrongSecret] { #expect(!everything.contains(secret)) }
    }

    /// With 300 profiles answered out of order (random latency, 24 at once), `--json` is one JSON
    /// array in the file's order, each profile once, failures in their place.
    @Test func jsonArrayKeepsTheFilesOrder() async throws {
        let scratch = try Scratch()
        let keys = (1...300).map { String(format: "AK-order-%04d", $0) }
        let credentials = keys.map {
            "- accessKey: \($0)\n  secretKey: s-\($0)\n  lifetime: 300s\n  latency: 0ms..40ms\n"
        }
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", credentials.joined()))
        defer { sandbox.stop() }
        var profiles = "concurrency: 24\ndefaults:\n  baseURL: \(sandbox.baseURL)\nprofiles:\n"
        for (n, key) in keys.enumerated() {
            // Every seventh profile is refused (wrong secret): failures keep their place too.
            profiles +=
                "  - name: p\(n + 1)\n    accessKey: \(key)\n    secretKey: \(n % 7 == 6 ? "wrong" : "s-\(key)")\n"
        }
        let config = try scratch.write("profiles.yaml", profiles)
        let run = try await Binary.run(
            ["check", "--config", config, "--json", "--log", scratch.path + "/results.jsonl"],
            environment: scratch.environment,
            limit: 120)
        #expect(run.status == 1, "some profiles are refused: \(run.stderr)")
        #expect(run.stdout.hasPrefix("[\n  {\"profile\": \"p1\", "), "\(run.stdout.prefix(80))")
        #expect(run.stdout.hasSuffix("}\n]\n"))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.compactMap { $0["profile"] as? String } == (1...300).map { "p\($0)" })
        #expect(array.filter { $0["ok"] as? Bool == false }.count == 300 / 7)
        #expect(array.allSatisfy { $0.count == 13 }, "every entry has the report's 13 fields")
    }

    @Test func usageAndConfigurationErrorsExitTwo() async throws {
        let scratch = try Scratch()
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: a
                environment: cards-uta
                accessKey: AK
                secretKey: {env: NOT_SET_ANYWHERE_E2E}
            """)
        let bad = try await Binary.run(
            ["check", "--config", config, "--log", scratch.path + "/r.jsonl"], environment: scratch.environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("profiles.yaml:3:"))
        #expect(bad.stderr.contains("environment"))
        #expect(bad.stderr.contains("NOT_SET_ANYWHERE_E2E"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/r.jsonl"), "a bad config touches no log")

        let missing = try await Binary.run(
            ["check", "--config", scratch.path + "/nope.yaml"], environment: scratch.environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))

        let both = try await Binary.run(["check", "--demo", "--config", config], environment: scratch.environment)
        #expect(both.status == 2 || both.status == 64)
        #expect(both.stderr.contains("--demo"))
    }

    @Test func unknownProfileNameExitsTwoAndNamesTheKnownOnes() async throws {
        let scratch = try Scratch()
        let result = try await Binary.run(
            ["check", "--demo", "--profile", "no-such-profile", "--log", scratch.path + "/r.jsonl"],
            environment: scratch.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-profile"))
        #expect(result.stderr.contains("known profiles"))
    }

    @Test func demoCheckShowsHealthyAndRejectedMerchants() async throws {
        let scratch = try Scratch()
        let result = try await Binary.run(
            ["check", "--demo", "--json", "--log", scratch.path + "/r.jsonl"], environment: scratch.environment)
        #expect(result.status == 1, "the demo set includes refused merchants: \(result.all)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count >= 6)
        let outcomes = Set(array.compactMap { $0["outcome"] as? String })
        #expect(outcomes.contains("success"))
        #expect(outcomes.contains("rejected"))
    }
}
