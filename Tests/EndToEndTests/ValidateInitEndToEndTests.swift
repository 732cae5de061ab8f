import Foundation
import Testing

/// `tokentop validate` and `tokentop init` as an operator runs them.
@Suite struct ValidateInitEndToEndTests {
    @Test func initWritesAPrivateTemplateOnceAndValidateAcceptsIt() async throws {
        let scratch = try Scratch()
        let config = scratch.path + "/conf/profiles.yaml"
        let created = try await Binary.run(["init", "--config", config], environment: scratch.environment)
        #expect(created.status == 0, "\(created.all)")
        #expect(created.stdout.contains(config))
        let mode = try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let original = try String(contentsOfFile: config, encoding: .utf8)

        let again = try await Binary.run(["init", "--config", config], environment: scratch.environment)
        #expect(again.status == 2)
        #expect(again.stderr.contains(config))
        #expect(try String(contentsOfFile: config, encoding: .utf8) == original, "init never overwrites")

        // The template reads its secrets from the environment; with them set it validates.
        let secret = "TEMPLATE-SECRET-\(UUID().uuidString.prefix(6))"
        let names = original.matches(of: /\{env: ([A-Z_]+)\}/).map { String($0.output.1) }
        #expect(!names.isEmpty)
        let env = scratch.environment.merging(
            Dictionary(names.map { ($0, secret) }, uniquingKeysWith: { first, _ in first })
        ) { $1 }
        let valid = try await Binary.run(["validate", "--config", config], environment: env)
        #expect(valid.status == 0, "\(valid.all)")
        #expect(valid.stdout.contains("acme-uat"))
        #expect(!valid.all.contains(secret))

        let unset = try await Binary.run(["validate", "--config", config], environment: scratch.environment)
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("profiles.yaml:"))
        #expect(unset.stderr.contains("is not set"))
        #expect(names.contains { unset.stderr.contains($0) })
    }

    @Test func validateReportsEveryProblemWithItsLine() async throws {
        let scratch = try Scratch()
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: ok-one
                baseURL: http://pay.example.com
                accessKey: AK
                secretKey: literal-secret-value
              - name: bad name!
                environment: cards-uat
                accessKey: AK2
                secretkey: x
            """, mode: 0o644)
        let result = try await Binary.run(["validate", "--config", config], environment: scratch.environment)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("profiles.yaml:3:") && $0.contains("http") })
        #expect(lines.contains { $0.contains("profiles.yaml:6:") && $0.contains("name") })
        #expect(lines.contains { $0.contains("profiles.yaml:9:") && $0.contains("secretKey") })
        #expect(!result.all.contains("literal-secret-value"))
    }
}
