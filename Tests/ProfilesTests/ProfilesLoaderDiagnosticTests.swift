import Foundation
import Testing

@testable import Profiles

@Suite("ProfilesLoader: diagnostics")
struct ProfilesLoaderDiagnosticTests {
    @Test("an unset env var: exact operator message with file:line:column, field and profile name")
    func envNotSet() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: pg-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: ENKASH_SECRET_A}
                """))
        #expect(
            diagnostic.description
                == "profiles.yaml:5:16: error: profiles[0].secretKey: environment variable ENKASH_SECRET_A is not set "
                + "(profile \"acme\") — export it or change the reference")
    }

    @Test("YAML syntax errors carry line and column")
    func syntaxError() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    secretKey: "unterminated
                """))
        #expect(diagnostic.message.hasPrefix("YAML syntax error"))
        #expect((diagnostic.line, diagnostic.column) == (3, 16))
        #expect(diagnostic.message.contains("quoted scalar that starts here"))
        #expect(!diagnostic.description.contains("unterminated"))
        let tabbed = try #require(single("profiles:\n\t- name: a\n"))
        #expect(tabbed.line == 2)
        #expect(tabbed.hint == "YAML indentation must use spaces, not tabs")
    }

    @Test("a repeated key is reported with its line")
    func duplicateKey() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: a
                    name: b
                """))
        #expect(diagnostic.message.contains("'name' appears more than once"))
        #expect(diagnostic.line == 2)
    }

    @Test(
        "an empty file, a comment-only file and a non-mapping file are refused",
        arguments: [
            "", "# only a comment\n", "---\n",
        ])
    func emptyFile(yaml: String) throws {
        let diagnostic = try #require(single(yaml))
        #expect(diagnostic.message == "the file is empty")
        #expect(diagnostic.hint?.contains("tokentop init") == true)
    }

    @Test("a top level that is not a mapping")
    func notMapping() throws {
        let diagnostic = try #require(single("- name: a\n- name: b\n"))
        #expect(diagnostic.message.contains("must be a mapping"))
        #expect(diagnostic.line == 1)
    }

    @Test(
        "no profiles: missing key, empty list, null",
        arguments: [
            ("concurrency: 2\n", "no `profiles:` list"), ("profiles: []\n", "no profiles"),
            ("profiles:\n", "no profiles"),
        ])
    func noProfiles(yaml: String, message: String) throws {
        let diagnostic = try #require(single(yaml))
        #expect(diagnostic.message == message)
        #expect(diagnostic.field == "profiles")
    }

    @Test("a wrong type names what was found, with line, column and field")
    func wrongType() throws {
        let found = diagnostics(
            """
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: [fake, list]
                tags: prod
                enabled: maybe
                headers: [x]
            """)
        #expect(
            found.map(\.field) == [
                "profiles[0].secretKey", "profiles[0].tags", "profiles[0].enabled", "profiles[0].headers",
            ])
        #expect(found.map(\.line) == [5, 6, 7, 8])
        #expect(found.map(\.column) == [16, 11, 14, 14])
        #expect(found[0].message == "must be text or a reference, not a list (profile \"acme\")")
        #expect(found[1].hint == "write `[prod]`")
        #expect(found[2].message == "must be true or false, not 'maybe' (profile \"acme\")")
    }

    @Test("missing required keys point at the profile")
    func missingRequired() {
        let found = diagnostics(
            """
            profiles:
              - merchant: Nameless
                environment: cards-uat
            """)
        #expect(found.map(\.field) == ["profiles[0].name", "profiles[0].accessKey", "profiles[0].secretKey"])
        #expect(found.allSatisfy { $0.line == 2 && $0.column == 5 })
        #expect(found[0].message == "missing required key 'name'")
    }

    @Test("no environment or baseURL anywhere")
    func noEndpoint() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: a
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.message == "no environment or baseURL (profile \"a\")")
        #expect(diagnostic.hint?.contains("cards-uat, cards-live, pg-uat, pg-live") == true)
    }

    @Test("a duplicate name points at the second and mentions the first's line")
    func duplicateNames() throws {
        let diagnostic = try #require(
            single(
                """
                defaults: {environment: cards-uat}
                profiles:
                  - name: acme
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                  - name: acme
                    accessKey: {env: ACCESS_B}
                    secretKey: {env: SECRET_B}
                """))
        #expect(diagnostic.field == "profiles[1].name")
        #expect(diagnostic.line == 6)
        #expect(diagnostic.column == 11)
        #expect(diagnostic.message == "duplicate profile name 'acme' (first used on line 3)")
    }

    @Test("names may hold only letters, digits, '.', '_' and '-'", arguments: ["acme uat", "acme/uat", "ácme", "a:b"])
    func invalidName(name: String) throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: "\(name)"
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "profiles[0].name")
        #expect(diagnostic.line == 2)
        #expect(diagnostic.message.contains("not allowed"))
    }

    @Test("an unknown environment lists the presets and suggests the nearest")
    func unknownEnvironment() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uta
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "profiles[0].environment")
        #expect((diagnostic.line, diagnostic.column) == (3, 18))
        #expect(diagnostic.message == "unknown environment 'cards-uta' (did you mean 'cards-uat'?) (profile \"acme\")")
        #expect(diagnostic.hint == "use one of: cards-uat, cards-live, pg-uat, pg-live, or give a baseURL")
    }

    @Test(
        "bad and out-of-range durations",
        arguments: [
            ("before: 5x", "profiles[0].refresh.before", "'5x' is not a duration"),
            ("before: 0s", "profiles[0].refresh.before", "0s is out of range"),
            ("before: 25h", "profiles[0].refresh.before", "25h is out of range"),
            ("timeout: 500ms", "profiles[0].refresh.timeout", "500ms is out of range"),
            ("timeout: 6m", "profiles[0].refresh.timeout", "6m is out of range"),
            ("timeout: [1s]", "profiles[0].refresh.timeout", "must be a duration, not a list"),
        ])
    func badDuration(line: String, field: String, message: String) throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                    refresh:
                      \(line)
                """))
        #expect(diagnostic.field == field)
        #expect(diagnostic.line == 7)
        #expect(diagnostic.message.hasPrefix(message))
        let range = field.hasSuffix("before") ? "more than 0s and at most 24h" : "at least 1s and at most 5m"
        #expect(diagnostic.hint?.contains(range) == true)
    }

    @Test(
        "bad base URLs",
        arguments: [
            ("ftp://pay.example.com", "must start with https://"), ("pay.example.com", "is not an absolute URL"),
            ("https://pay.example.com/?a=1", "must not have a ?query"), ("https://pay.example.com#x", "#fragment"),
            ("https://", "has no host"), ("https://user:fake-pw@pay.example.com", "user name or password"),
        ])
    func badURL(url: String, message: String) throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    baseURL: "\(url)"
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "profiles[0].baseURL")
        #expect((diagnostic.line, diagnostic.column) == (3, 14))
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(!diagnostic.description.contains("fake-pw"))
    }
}
