import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

extension ProfilesLoaderDiagnosticTests {
    @Test(
        "plain http to a non-loopback host is refused",
        arguments: [
            "http://pay.example.com", "http://127.0.0.1.example.com", "http://10.0.0.1", "http://[::2]",
            "http://localhost.", "http://localhost.:8080",
        ])
    func httpRefused(url: String) throws {
        let diagnostic = try #require(
            single(
                """
                profiles:
                  - name: acme
                    baseURL: \(url)
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "profiles[0].baseURL")
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains("unencrypted"))
        #expect(diagnostic.hint?.contains("allowInsecureHTTP: true") == true)
    }

    @Test("unknown keys everywhere get a did-you-mean")
    func unknownKeys() {
        let found = diagnostics(
            """
            concurency: 4
            defaults:
              enviroment: cards-uat
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretkey: {env: SECRET_A}
                secretKey: {envv: SECRET_A}
                refresh: {befor: 1m}
            """)
        let byField = Dictionary(found.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(
            byField["concurency"]?.message == "unknown key 'concurency' at the top level (did you mean 'concurrency'?)")
        #expect(byField["concurency"].map { ($0.line, $0.column) } ?? (0, 0) == (1, 1))
        #expect(byField["defaults.enviroment"]?.message.contains("did you mean 'environment'?") == true)
        #expect(byField["defaults.enviroment"]?.line == 3)
        #expect(
            byField["profiles[0].secretkey"]?.message
                == "unknown key 'secretkey' in profiles[0] (did you mean 'secretKey'?) (profile \"acme\")")
        #expect(byField["profiles[0].secretkey"].map { ($0.line, $0.column) } ?? (0, 0) == (8, 5))
        #expect(byField["profiles[0].secretKey.envv"]?.message.contains("did you mean 'env'?") == true)
        #expect(byField["profiles[0].refresh.befor"]?.message.contains("did you mean 'before'?") == true)
    }

    @Test("keys in the wrong block say where they belong")
    func misplacedKeys() {
        let found = diagnostics(
            """
            name: acme
            defaults:
              secretKey: fake-misplaced
            profiles: []
            """)
        #expect(found.map(\.field) == ["name", "defaults.secretKey", "profiles"])
        #expect(found[0].hint?.contains("belongs inside a profile") == true)
        #expect(found[1].hint?.contains("in each profile") == true)
        #expect(!found.map(\.description).joined().contains("fake-misplaced"))
    }

    @Test("broken references: two kinds, none, a timeout without a command, a bad variable name")
    func badReferences() {
        let found = diagnostics(
            """
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A, file: x}
                secretKey: {}
              - name: b
                environment: cards-uat
                accessKey: {file: x, timeout: 1s}
                secretKey: {env: $SECRET_A}
            """)
        #expect(
            found.map(\.field) == [
                "profiles[0].accessKey", "profiles[0].secretKey", "profiles[1].accessKey.timeout",
                "profiles[1].secretKey.env",
            ])
        #expect(found[0].message.contains("only one of env, file or command"))
        #expect(found[1].message.contains("needs one of env, file or command"))
        #expect(found[3].message.contains("not an environment variable name"))
    }

    @Test("secret resolution failures name the field and hide the secret")
    func resolutionFailures() async {
        let found = await offPool {
            diagnostics(
                """
                profiles:
                  - name: acme
                    environment: cards-uat
                    accessKey: {file: /nonexistent/tokentop-fake-access}
                    secretKey: {command: "echo fake-should-not-leak; exit 4"}
                  - name: b
                    environment: cards-uat
                    accessKey: ""
                    secretKey: {command: "sleep 5", timeout: 300ms}
                  - name: c
                    environment: cards-uat
                    accessKey: {env: EMPTY_VAR}
                    secretKey: {command: "true"}
                """, environment: fakeEnvironment.merging(["EMPTY_VAR": ""]) { $1 })
        }
        #expect(
            found.map(\.field) == [
                "profiles[0].accessKey", "profiles[0].secretKey", "profiles[1].accessKey", "profiles[1].secretKey",
                "profiles[2].accessKey", "profiles[2].secretKey",
            ])
        #expect(found.map(\.line) == [4, 5, 8, 9, 12, 13])
        #expect(found[0].message.contains("does not exist"))
        #expect(found[1].message == "secret command failed with exit status 4 (profile \"acme\")")
        #expect(found[2].message == "is empty (profile \"b\")")
        #expect(found[3].message.contains("did not finish within 300ms"))
        #expect(found[4].message.contains("EMPTY_VAR is set but empty"))
        #expect(found[5].message.contains("printed nothing"))
        #expect(!found.map(\.description).joined().contains("fake-should-not-leak"))
    }

    @Test("concurrency must be a whole number from 1 to 256", arguments: ["0", "257", "eight", "[1]"])
    func concurrency(value: String) throws {
        let diagnostic = try #require(
            single(
                """
                concurrency: \(value)
                profiles:
                  - name: a
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                """))
        #expect(diagnostic.field == "concurrency")
        #expect((diagnostic.line, diagnostic.column) == (1, 14))
        #expect(diagnostic.hint == "write a whole number from 1 to 256")
    }

    @Test("bad header names and values are refused")
    func badHeaders() {
        let found = diagnostics(
            """
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                headers:
                  "API Key": x
                  X-Injected: "a\\r\\nEvil: b"
                  Content-Length: "5"
            """)
        #expect(
            found.map(\.field) == [
                "profiles[0].headers.API Key", "profiles[0].headers.X-Injected", "profiles[0].headers.Content-Length",
            ])
        #expect(found.map(\.line) == [7, 8, 9])
        #expect(found[1].message.contains("line break"))
    }

    @Test("three different errors give three diagnostics, in file order")
    func allAtOnce() {
        let found = diagnostics(
            """
            concurrency: 0
            profiles:
              - name: acme
                environment: cards-uta
                accessKey: {env: ACCESS_A}
                secretKey: {env: NOT_SET_FAKE}
            """)
        #expect(found.count == 3)
        #expect(found.map(\.field) == ["concurrency", "profiles[0].environment", "profiles[0].secretKey"])
        #expect(found.map(\.line) == [1, 4, 6])
        #expect(found.allSatisfy { $0.severity == .error && $0.hint != nil })
    }

    @Test("a bad value in defaults is reported once, not again for every profile")
    func defaultsErrorOnce() throws {
        let diagnostic = try #require(
            single(
                """
                defaults:
                  environment: nowhere
                profiles:
                  - name: a
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                  - name: b
                    accessKey: {env: ACCESS_B}
                    secretKey: {env: SECRET_B}
                """))
        #expect(diagnostic.field == "defaults.environment")
    }
}
