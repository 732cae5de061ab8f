import Foundation
import Sandbox
import Testing
import TokenModel

@Suite("Credentials file")
struct SandboxCredentialsFileTests {
    @Test("every field is read")
    func allFields() throws {
        let yaml = """
            # sandbox credentials
            - accessKey: AK-file-0001
              secretKey: "s3cret: with colon"
              merchant: Acme Pay
              lifetime: 5m
              latency: 200ms..2s
              failRate: 0.25
              hangRate: 0.05
              malformedRate: 0.1
              rateLimitRate: 0.2
              retryAfter: 7s
              expiryInSeconds: true
              skew: -90s
              lockAfter: 3
              locked: false
            - accessKey: AK-file-0002
              secretKey: 12345
              latency: 500ms
            """
        let credentials = try SandboxCredentialsFile.parse(yaml: yaml, file: "creds.yaml")
        #expect(credentials.count == 2)
        let first = try #require(credentials.first)
        #expect(first.accessKey == "AK-file-0001")
        #expect(first.secretKey.reveal() == "s3cret: with colon")
        #expect(first.merchant == "Acme Pay")
        #expect(first.lifetime == .seconds(300))
        #expect(first.latency == SandboxLatency(.milliseconds(200) ... .seconds(2)))
        #expect(first.failRate == 0.25 && first.hangRate == 0.05 && first.malformedRate == 0.1)
        #expect(first.rateLimitRate == 0.2 && first.retryAfter == .seconds(7))
        #expect(first.expiryInSeconds && !first.locked)
        #expect(first.skew == .seconds(-90))
        #expect(first.lockAfter == 3)
        let second = credentials[1]
        #expect(second.secretKey.reveal() == "12345")
        #expect(second.latency == SandboxLatency(.milliseconds(500)))
        #expect(second.lifetime == nil && second.failRate == 0 && second.skew == .zero)
    }

    @Test("errors name file, line, field and a fix; all are reported; secrets never appear")
    func errors() throws {
        let yaml = """
            - accessKey: AK-err-0001
              secretKey: top-secret-value
              failrate: 0.5
            - accessKey: AK-err-0002
              secretKey: another-secret
              hangRate: 1.5
              lifetime: soon
              skew: -abc
            - accessKey: AK-err-0003
            - accessKey: AK-err-0001
              secretKey: top-secret-value
              latency: 2s..1s
              lockAfter: 0
            """
        let error = try #require(throws: ConfigError.self) {
            try SandboxCredentialsFile.parse(yaml: yaml, file: "creds.yaml")
        }
        let byField = Dictionary(error.diagnostics.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byField["[0].failrate"]?.line == 3)
        #expect(byField["[0].failrate"]?.hint == "did you mean 'failRate'?")
        #expect(byField["[1].hangRate"]?.line == 6)
        #expect(byField["[1].lifetime"]?.line == 7)
        #expect(byField["[1].skew"]?.line == 8)
        #expect(byField["[2].secretKey"]?.message == "is missing")
        #expect(byField["[2].secretKey"]?.line == 9)
        #expect(byField["[3].latency"]?.line == 12)
        #expect(byField["[3].lockAfter"]?.line == 13)
        #expect(error.diagnostics.allSatisfy { $0.file == "creds.yaml" && $0.severity == .error })
        let text = error.description
        #expect(text.contains("creds.yaml:3:3: error: [0].failrate: unknown field — did you mean 'failRate'?"))
        #expect(!text.contains("top-secret-value") && !text.contains("another-secret"))
    }

    @Test("a repeated access key is reported with the line of the first")
    func duplicateKey() throws {
        let yaml = """
            - accessKey: AK-dup-0001
              secretKey: a
            - accessKey: AK-dup-0001
              secretKey: b
            """
        let error = try #require(throws: ConfigError.self) {
            try SandboxCredentialsFile.parse(yaml: yaml, file: "dup.yaml")
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics.first?.line == 3)
        #expect(error.diagnostics.first?.message.contains("line 1") == true)
    }

    @Test(
        "the file as a whole: not a list, empty, broken YAML",
        arguments: [
            ("accessKey: AK\nsecretKey: s\n", "expected a list of credentials", 1),
            ("", "the file is empty", nil),
            ("- accessKey: AK\n  secretKey: [unclosed\n", "not valid YAML", 3),
        ] as [(String, String, Int?)])
    func wholeFile(yaml: String, message: String, line: Int?) throws {
        let error = try #require(throws: ConfigError.self) {
            try SandboxCredentialsFile.parse(yaml: yaml, file: "bad.yaml")
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message.contains(message))
        #expect(diagnostic.line == line)
        #expect(diagnostic.hint != nil)
    }

    @Test("load reads a file from disk and explains a missing one")
    func load() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sandbox-creds-\(UUID().uuidString).yaml").path
        try "- accessKey: AK-disk-001\n  secretKey: s\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SandboxCredentialsFile.load(path: path).map(\.accessKey) == ["AK-disk-001"])

        let error = try #require(throws: ConfigError.self) {
            try SandboxCredentialsFile.load(path: path + ".missing")
        }
        #expect(error.description.contains("cannot read the credentials file"))
        #expect(error.diagnostics.first?.hint == "check the path given to --credentials")
    }

    @Test("start refuses out-of-range values and repeated keys")
    func startValidates() async throws {
        await #expect(
            throws: SandboxError.invalidCredential(
                accessKey: "AK-r••••••01", field: "failRate",
                problem: "must be between 0 and 1 (a probability), e.g. 0.25")
        ) {
            _ = try await SandboxServer.start(credentials: [credential("AK-range-001") { $0.failRate = 2 }])
        }
        await #expect(throws: SandboxError.self) {
            _ = try await SandboxServer.start(credentials: [credential("AK-twice-01"), credential("AK-twice-01")])
        }
    }
}
