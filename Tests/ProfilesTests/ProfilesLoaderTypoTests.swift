import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

/// One clear message per mistake: a mistyped key is reported once, with its did-you-mean, and not
/// again as a missing key; an empty reference says what to write.
@Suite("ProfilesLoader: one message per typo")
struct ProfilesLoaderTypoTests {
    @Test("a mistyped secretKey is one unknown-key message, not also a missing key")
    func mistypedRequiredKey() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretkey: {env: SECRET_A}
                """))
        #expect(
            diagnostic.description
                == "profiles.yaml:5:5: error: profiles[0].secretkey: unknown key 'secretkey' in profiles[0] "
                + "(did you mean 'secretKey'?) (profile \"acme\") — known keys in profiles[0]: "
                + ProfileEntry.keys.joined(separator: ", "))
    }

    @Test("a mistyped name is one message too")
    func mistypedName() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - nmae: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "profiles[0].nmae")
        #expect(diagnostic.message.contains("did you mean 'name'?"))
    }

    @Test("a key that is simply missing is still reported")
    func missingKeyWithoutTypo() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                """))
        #expect(diagnostic.message == "missing required key 'secretKey' (profile \"acme\")")
    }

    @Test("{evn: SK} suggests env and says nothing more")
    func swappedLettersInAReference() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {evn: SK}
                """))
        #expect(diagnostic.field == "profiles[0].secretKey.evn")
        #expect((diagnostic.line, diagnostic.column) == (5, 17))
        #expect(
            diagnostic.message == "unknown key 'evn' in profiles[0].secretKey (did you mean 'env'?) (profile \"acme\")")
        #expect(DidYouMean.suggest("evn", from: SecretReference.referenceKeys) == "env")
    }

    @Test(
        "{env: \"\"} says to name the variable",
        arguments: [
            ("secretKey: {env: \"\"}", "profiles[0].secretKey.env", "{env: ENKASH_SECRET_KEY}"),
            ("secretKey: {env: }", "profiles[0].secretKey.env", "{env: ENKASH_SECRET_KEY}"),
            ("secretKey: {file: \"\"}", "profiles[0].secretKey.file", "{file: ~/.secrets/enkash}"),
            ("secretKey: {command: \" \"}", "profiles[0].secretKey.command", "{command: \"pass show enkash\"}"),
        ])
    func emptyReference(line: String, field: String, example: String) throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    \(line)
                """))
        #expect(diagnostic.field == field)
        #expect(diagnostic.line == 5)
        #expect(diagnostic.message == "is empty (profile \"acme\")")
        #expect(diagnostic.hint?.contains(example) == true, "\(diagnostic.description)")
    }

    @Test("validate's summary escapes control characters from the file and keeps other text")
    func summaryEscapesControlCharacters() throws {
        let set = try load(
            """
            profiles:
              - name: acme
                merchant: "Acme\\e]0;pwned\\a\\e[2J\\x9B31m\\tनमस्ते 🙂"
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        let rows = ProfilesSummary.rows(set)
        #expect(rows.count == 2)
        #expect(rows[1].contains(#"Acme\x1B]0;pwned\x07\x1B[2J\x9B31m\x09नमस्ते 🙂"#), "\(rows)")
        #expect(!rows.joined().unicodeScalars.contains { TerminalText.isControl($0) })
    }

    @Test("an empty accessKey reference names the access key's variable")
    func emptyAccessKeyReference() throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {env: ''}
                    secretKey: {env: SECRET_A}
                """))
        #expect(
            diagnostic.description
                == "profiles.yaml:4:22: error: profiles[0].accessKey.env: is empty (profile \"acme\") — "
                + "name the environment variable that holds the value, e.g. {env: ENKASH_ACCESS_KEY}")
    }
}
