import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

/// What the loader makes of the YAML itself (Yams composes it): duplicate keys in any mapping,
/// errors after valid items, aliases, and that nothing is decoded from a file that is not valid
/// YAML. Fake credentials only.
@Suite struct ProfilesYamlTests {
    static let environment = [
        "PATH": "/usr/bin:/bin", "HOME": "/home/fake", "SECRET_A": "fake-secret-a", "ACCESS_A": "fake-access-aaaa",
    ]

    /// One profile: four lines.
    static let profile = """
          - name: p%d
            accessKey: fake-access-%d
            secretKey: {env: SECRET_A}
            baseURL: http://127.0.0.1:9/

        """

    static func list(_ count: Int) -> String {
        (1...count).map { String(format: profile, $0, 1000 + $0) }.joined()
    }

    static func load(_ yaml: String) throws(ConfigError) -> ProfileSet {
        try ProfilesLoader.parse(
            yaml: yaml, file: "profiles.yaml", baseDirectory: "/nonexistent", environment: environment)
    }

    static func diagnostics(_ yaml: String) -> [ConfigDiagnostic] {
        do {
            let set = try load(yaml)
            Issue.record("expected errors, loaded \(set.profiles.count) profiles")
            return []
        } catch {
            return error.diagnostics
        }
    }

    struct Duplicate: Sendable, CustomTestStringConvertible {
        let yaml: String
        let keys: String
        let line: Int
        let column: Int
        var testDescription: String { "\(keys) at \(line):\(column)" }
    }

    static let duplicates: [Duplicate] = [
        // In the last of several items: 3 items of 4 lines after `profiles:`, so line 14.
        Duplicate(
            yaml: "profiles:\n" + list(3) + "  - name: dup\n    name: dup\n", keys: "'name'", line: 14, column: 5),
        // The top level: a second `profiles:` list.
        Duplicate(yaml: "profiles:\n" + list(1) + "profiles:\n" + list(1), keys: "'profiles'", line: 1, column: 1),
        // A large mapping (21 keys) after one item (lines 2-5), the repeat at its end; k0 is on line 7.
        Duplicate(
            yaml: "profiles:\n" + list(1) + "extra:\n" + (0..<20).map { "  k\($0): \($0)\n" }.joined()
                + "  k3: again\n",
            keys: "'k3'", line: 10, column: 3),
        // A flow mapping on line 6: `extra: {a: 1, ` is 14 characters before the first `b`.
        Duplicate(
            yaml: "profiles:\n" + list(1) + "extra: {a: 1, b: 2, c: 3, b: 4}\n", keys: "'b'", line: 6, column: 15),
    ]

    @Test(arguments: duplicates)
    func duplicateKeysAnywhereAreReportedAtTheirFirstOccurrence(_ duplicate: Duplicate) {
        let found = Self.diagnostics(duplicate.yaml)
        #expect(found.count == 1, "\(found.map(\.description))")
        let diagnostic = found.first
        #expect(diagnostic?.message == "key \(duplicate.keys) appears more than once in the same mapping (first here)")
        #expect(diagnostic?.line == duplicate.line)
        #expect(diagnostic?.column == duplicate.column)
        #expect(diagnostic?.file == "profiles.yaml")
    }

    @Test func aMappingWithoutARepeatedKeyLoads() throws {
        let yaml = "profiles:\n" + Self.list(2) + "extra:\n" + (0..<20).map { "  k\($0): \($0)\n" }.joined()
        let found = Self.diagnostics(yaml)
        // Only the unknown top-level key: no duplicate reported for 20 distinct keys.
        #expect(found.map(\.field) == ["extra"], "\(found.map(\.description))")
    }

    @Test func yamlErrorsAfterValidItemsAreTheOnlyDiagnosticWithTheirPosition() {
        // Items 1-2 occupy lines 2-9. In the last file the first item has errors of its own.
        let undefined = Self.diagnostics("profiles:\n" + Self.list(2) + "  - *nowhere\n")
        #expect(undefined.count == 1)
        #expect(undefined.first?.message == "YAML syntax error: found undefined alias")
        #expect(undefined.first?.line == 10)
        #expect(undefined.first?.column == 5)
        let secondDocument = Self.diagnostics("profiles:\n" + Self.list(2) + "---\nprofiles: []\n")
        #expect(secondDocument.count == 1)
        #expect(
            secondDocument.first?.message
                == "YAML syntax error: but found another document (expected a single document in the stream at line 1, column 1)"
        )
        #expect(secondDocument.first?.line == 10)
        #expect(secondDocument.first?.column == 1)
        let broken =
            "profiles:\n  - name: a\n    accessKey: [3]\n    typo: 1\n" + Self.list(1) + "  - name: [unclosed\n"
        let unclosed = Self.diagnostics(broken)
        #expect(unclosed.count == 1, "\(unclosed.map(\.description))")
        #expect(unclosed.first?.message.hasPrefix("YAML syntax error") == true)
    }

    @Test func aliasesAcrossItemsResolve() throws {
        let yaml = """
            profiles:
              - name: a
                accessKey: fake-access-1111
                secretKey: &secret {env: SECRET_A}
                baseURL: &url http://127.0.0.1:9/
              - name: b
                accessKey: fake-access-2222
                secretKey: *secret
                baseURL: *url

            """
        let set = try Self.load(yaml)
        #expect(set.profiles.map(\.name) == ["a", "b"])
        #expect(set.profiles.map(\.baseURL.absoluteString) == ["http://127.0.0.1:9", "http://127.0.0.1:9"])
        #expect(set.profiles.map { $0.secretKey.reveal() } == ["fake-secret-a", "fake-secret-a"])
    }

    @Test func noSecretCommandRunsForAFileThatIsNotValidYaml() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("tt-yaml-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let yaml =
            "profiles:\n  - name: a\n    accessKey: fake-access-1111\n"
            + "    secretKey: {command: \"touch \(marker); echo fake\"}\n" + Self.list(1) + "  - name: [broken\n"
        let diagnostics = Self.diagnostics(yaml)
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax error") == true)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
