import Foundation
import Testing

@testable import BlockingThreads
@testable import Profiles
import TestFixtures
@testable import TokenModel

/// Fake credentials only: nothing here is a real key.
private let fakeEnvironment = [
    "PATH": "/usr/bin:/bin", "HOME": "/home/fake",
    "ACCESS_A": "fake-access-aaaa", "SECRET_A": "fake-secret-a",
    "ACCESS_B": "fake-access-bbbb", "SECRET_B": "fake-secret-b",
]

private func load(
    _ yaml: String, environment: [String: String] = fakeEnvironment, mode: mode_t? = nil, strict: Bool = false,
    base: String = "/nonexistent"
) throws(ConfigError) -> ProfileSet {
    try ProfilesLoader.parse(
        yaml: yaml, file: "profiles.yaml", baseDirectory: base, environment: environment, fileMode: mode,
        strict: strict)
}

/// The diagnostics of a file that must fail to load.
private func diagnostics(
    _ yaml: String, environment: [String: String] = fakeEnvironment, mode: mode_t? = nil, strict: Bool = false
) -> [ConfigDiagnostic] {
    do {
        let set = try load(yaml, environment: environment, mode: mode, strict: strict)
        Issue.record("expected errors, loaded \(set.profiles.count) profiles")
        return []
    } catch {
        return error.diagnostics
    }
}

/// `{command:}` secrets block the loading thread while swift-subprocess runs them on the
/// cooperative threads: files with them are loaded on a thread of their own, as tokentop does.
private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await BlockingWork.run(body)
}

/// The single error diagnostic of a file with exactly one problem.
private func single(_ yaml: String, environment: [String: String] = fakeEnvironment) -> ConfigDiagnostic? {
    let found = diagnostics(yaml, environment: environment).filter { $0.severity == .error }
    #expect(found.count == 1, "\(found.map(\.description))")
    return found.first
}

@Suite("ProfilesLoader: valid files")
struct ProfilesLoaderValidTests {
    @Test("a minimal profile gets the built-in defaults")
    func minimal() throws {
        let set = try load(
            """
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        #expect(set.source == "profiles.yaml")
        #expect(set.concurrency == 8)
        #expect(set.warnings.isEmpty)
        let profile = try #require(set.profiles.first)
        #expect(profile.name == "acme")
        #expect(profile.merchant == "acme")
        #expect(profile.environment == "cards-uat")
        #expect(profile.baseURL.absoluteString == "https://pay-uat.enkash.in")
        #expect(profile.tokenURL.absoluteString == "https://pay-uat.enkash.in/api/v0/merchant/token")
        #expect(profile.accessKey == "fake-access-aaaa")
        #expect(profile.secretKey.reveal() == "fake-secret-a")
        #expect(profile.refresh == RefreshSettings(before: .seconds(120), timeout: .seconds(10)))
        #expect(profile.enabled)
        #expect(profile.tags.isEmpty)
        #expect(profile.headers.isEmpty)
        #expect(!profile.allowInsecureHTTP)
    }

    @Test("every field is read; headers keep file order")
    func allFields() throws {
        let set = try load(
            """
            concurrency: 3
            profiles:
              - name: acme.uat_1
                merchant: Acme Retail
                baseURL: https://proxy.example.com/enkash/
                accessKey: fake-literal-access
                secretKey: fake-literal-secret
                headers:
                  X-Zeta: "1"
                  API-Key: fake-api-key
                refresh: {before: 5m, timeout: 30s}
                enabled: false
                tags: [acme, uat]
                allowInsecureHTTP: false
            """)
        #expect(set.concurrency == 3)
        let profile = try #require(set.profiles.first)
        #expect(profile.merchant == "Acme Retail")
        #expect(profile.environment == nil)
        #expect(profile.baseURL.absoluteString == "https://proxy.example.com/enkash")
        #expect(profile.tokenURL.absoluteString == "https://proxy.example.com/enkash/api/v0/merchant/token")
        #expect(profile.headers == [HeaderField(name: "X-Zeta", value: "1"), HeaderField(name: "API-Key", value: "fake-api-key")])
        #expect(profile.refresh == RefreshSettings(before: .seconds(300), timeout: .seconds(30)))
        #expect(!profile.enabled)
        #expect(profile.tags == ["acme", "uat"])
    }

    @Test("defaults are merged under each profile's own settings")
    func defaultsMerge() throws {
        let set = try load(
            """
            defaults:
              environment: pg-uat
              headers: {API-Key: fake-default-key, X-Team: payments}
              refresh: {before: 3m}
              enabled: false
              tags: [enkash]
            profiles:
              - name: a
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
              - name: b
                environment: cards-live
                headers: {api-key: fake-own-key}
                refresh: {timeout: 20s}
                enabled: true
                tags: [b, enkash]
                accessKey: {env: ACCESS_B}
                secretKey: {env: SECRET_B}
            """)
        let a = set.profiles[0], b = set.profiles[1]
        #expect(a.environment == "pg-uat")
        #expect(a.hostLabel == "olympus-pg-uat.enkash.in")
        #expect(a.headers.map(\.name) == ["API-Key", "X-Team"])
        #expect(a.refresh == RefreshSettings(before: .seconds(180), timeout: .seconds(10)))
        #expect(!a.enabled)
        #expect(a.tags == ["enkash"])
        #expect(b.environment == "cards-live")
        #expect(b.headers == [HeaderField(name: "X-Team", value: "payments"), HeaderField(name: "api-key", value: "fake-own-key")])
        #expect(b.refresh == RefreshSettings(before: .seconds(180), timeout: .seconds(20)))
        #expect(b.enabled)
        #expect(b.tags == ["enkash", "b"])
    }

    @Test("baseURL wins over environment; a profile's own choice overrides the defaults'")
    func baseURLWins() throws {
        let set = try load(
            """
            defaults:
              baseURL: https://default.example.com
            profiles:
              - name: both
                environment: cards-uat
                baseURL: http://127.0.0.1:8080/
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
              - name: preset
                environment: pg-live
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
              - name: inherits
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        #expect(set.profiles[0].baseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(set.profiles[0].environment == "cards-uat")
        #expect(set.profiles[1].baseURL.absoluteString == "https://olympus-pg.enkash.in")
        #expect(set.profiles[2].baseURL.absoluteString == "https://default.example.com")
        #expect(set.profiles[2].environmentLabel == "default.example.com")
    }

    @Test("plain http is allowed for loopback hosts", arguments: [
        "http://127.0.0.1:8080", "http://127.9.8.7", "http://localhost:9000", "http://LOCALHOST", "http://[::1]:8443",
    ])
    func loopbackHTTP(url: String) throws {
        let set = try load(
            """
            profiles:
              - name: local
                baseURL: \(url)
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        #expect(set.profiles.count == 1)
    }

    @Test("plain http to another host is allowed with allowInsecureHTTP in the profile or defaults")
    func insecureAllowed() throws {
        let set = try load(
            """
            defaults:
              allowInsecureHTTP: true
            profiles:
              - name: a
                baseURL: http://sandbox.internal:8080
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        #expect(set.profiles[0].allowInsecureHTTP)
        let own = try load(
            """
            profiles:
              - name: a
                baseURL: http://sandbox.internal:8080
                allowInsecureHTTP: yes
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """)
        #expect(own.profiles[0].hostLabel == "sandbox.internal:8080")
    }

    @Test("a file reference is relative to the profiles file's directory")
    func fileReference() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("secret-a", "fake-file-secret\n")
        let set = try load(
            """
            profiles:
              - name: a
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {file: secret-a}
            """, base: directory.path)
        #expect(set.profiles[0].secretKey.reveal() == "fake-file-secret")
    }

    @Test("a command reference with its own timeout")
    func commandReference() async throws {
        let set = try await offPool { Result { () throws(ConfigError) in try load(
            """
            profiles:
              - name: a
                environment: cards-uat
                accessKey: {command: "printf fake-cmd-access", timeout: 2s}
                secretKey:
                  command: echo fake-cmd-secret
            """) } }.get()
        #expect(set.profiles[0].accessKey == "fake-cmd-access")
        #expect(set.profiles[0].secretKey.reveal() == "fake-cmd-secret")
    }
}

@Suite("ProfilesLoader: diagnostics")
struct ProfilesLoaderDiagnosticTests {
    @Test("an unset env var: exact operator message with file:line:column, field and profile name")
    func envNotSet() throws {
        let diagnostic = try #require(single(
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
        let diagnostic = try #require(single(
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
        let diagnostic = try #require(single(
            """
            profiles:
              - name: a
                name: b
            """))
        #expect(diagnostic.message.contains("'name' appears more than once"))
        #expect(diagnostic.line == 2)
    }

    @Test("an empty file, a comment-only file and a non-mapping file are refused", arguments: [
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

    @Test("no profiles: missing key, empty list, null", arguments: [
        ("concurrency: 2\n", "no `profiles:` list"), ("profiles: []\n", "no profiles"), ("profiles:\n", "no profiles"),
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
        #expect(found.map(\.field) == [
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
        let diagnostic = try #require(single(
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
        let diagnostic = try #require(single(
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
        let diagnostic = try #require(single(
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
        let diagnostic = try #require(single(
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

    @Test("bad and out-of-range durations", arguments: [
        ("before: 5x", "profiles[0].refresh.before", "'5x' is not a duration"),
        ("before: 0s", "profiles[0].refresh.before", "0s is out of range"),
        ("before: 25h", "profiles[0].refresh.before", "25h is out of range"),
        ("timeout: 500ms", "profiles[0].refresh.timeout", "500ms is out of range"),
        ("timeout: 6m", "profiles[0].refresh.timeout", "6m is out of range"),
        ("timeout: [1s]", "profiles[0].refresh.timeout", "must be a duration, not a list"),
    ])
    func badDuration(line: String, field: String, message: String) throws {
        let diagnostic = try #require(single(
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

    @Test("bad base URLs", arguments: [
        ("ftp://pay.example.com", "must start with https://"), ("pay.example.com", "is not an absolute URL"),
        ("https://pay.example.com/?a=1", "must not have a ?query"), ("https://pay.example.com#x", "#fragment"),
        ("https://", "has no host"), ("https://user:fake-pw@pay.example.com", "user name or password"),
    ])
    func badURL(url: String, message: String) throws {
        let diagnostic = try #require(single(
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

    @Test("plain http to a non-loopback host is refused", arguments: [
        "http://pay.example.com", "http://127.0.0.1.example.com", "http://10.0.0.1", "http://[::2]",
    ])
    func httpRefused(url: String) throws {
        let diagnostic = try #require(single(
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
        #expect(byField["concurency"]?.message == "unknown key 'concurency' at the top level (did you mean 'concurrency'?)")
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
        #expect(found.map(\.field) == [
            "profiles[0].accessKey", "profiles[0].secretKey", "profiles[1].accessKey.timeout",
            "profiles[1].secretKey.env",
        ])
        #expect(found[0].message.contains("only one of env, file or command"))
        #expect(found[1].message.contains("needs one of env, file or command"))
        #expect(found[3].message.contains("not an environment variable name"))
    }

    @Test("secret resolution failures name the field and hide the secret")
    func resolutionFailures() async {
        let found = await offPool { diagnostics(
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
            """, environment: fakeEnvironment.merging(["EMPTY_VAR": ""]) { $1 }) }
        #expect(found.map(\.field) == [
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
        let diagnostic = try #require(single(
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
        #expect(found.map(\.field) == [
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
        let diagnostic = try #require(single(
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

@Suite("ProfilesLoader: literal secret permission warning")
struct ProfilesLoaderPermissionTests {
    let yaml = """
        profiles:
          - name: acme
            environment: cards-uat
            accessKey: fake-literal-access
            secretKey: fake-literal-secret
        """

    @Test("a literal secretKey in a group/world-readable file gives a warning with its line")
    func warns() throws {
        let set = try load(yaml, mode: 0o100644)
        let warning = try #require(set.warnings.first)
        #expect(set.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.field == "profiles[0].secretKey")
        #expect((warning.line, warning.column) == (5, 16))
        #expect(warning.message.contains("mode 644"))
        #expect(warning.hint?.contains("chmod 600 profiles.yaml") == true)
        #expect(!warning.description.contains("fake-literal-secret"))
        #expect(try load(yaml, mode: 0o100640).warnings.count == 1)
    }

    @Test("no warning for mode 600, for references only, or when the mode is unknown")
    func noWarning() throws {
        #expect(try load(yaml, mode: 0o100600).warnings.isEmpty)
        #expect(try load(yaml).warnings.isEmpty)
        let references = yaml.replacingOccurrences(of: "fake-literal-secret", with: "{env: SECRET_A}")
        #expect(try load(references, mode: 0o100644).warnings.isEmpty)
    }

    @Test("strict turns the warning into an error")
    func strict() throws {
        let found = diagnostics(yaml, mode: 0o100644, strict: true)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(try load(yaml, mode: 0o100600, strict: true).profiles.count == 1)
    }

    @Test("load(path:) checks the real file's mode bits")
    func realFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let open = try directory.write("open.yaml", yaml, mode: 0o644)
        let closed = try directory.write("closed.yaml", yaml, mode: 0o600)
        let openSet = try ProfilesLoader.load(path: open, environment: fakeEnvironment)
        #expect(openSet.source == open)
        #expect(openSet.warnings.map(\.file) == [open])
        #expect(try ProfilesLoader.load(path: closed, environment: fakeEnvironment).warnings.isEmpty)
    }

    @Test("a missing file is one diagnostic naming the path and suggesting init or --demo")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("nope/profiles.yaml")
        do {
            _ = try ProfilesLoader.load(path: path, environment: fakeEnvironment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].message == "no profiles file at \(path)")
            #expect(error.diagnostics[0].hint?.contains("tokentop init") == true)
            #expect(error.diagnostics[0].hint?.contains("--demo") == true)
        }
        do {
            _ = try ProfilesLoader.load(path: directory.path, environment: fakeEnvironment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("is a directory") == true)
        }
    }

    @Test("the validate summary shows masked access keys and never a secret")
    func summary() throws {
        let set = try load(yaml.replacingOccurrences(of: "fake-literal-access", with: "fake-access-1234567890"))
        let text = ([ProfilesSummary.headline(set)] + ProfilesSummary.rows(set)).joined(separator: "\n")
        #expect(text.hasPrefix("profiles.yaml: 1 profile OK (1 enabled), secrets resolved"))
        #expect(text.contains("fake••••••••••••••••90"))
        #expect(text.contains("pay-uat.enkash.in"))
        #expect(!text.contains("fake-literal-secret"))
        #expect(!text.contains("fake-access-1234567890"))
    }
}

@Suite("DidYouMean")
struct DidYouMeanTests {
    @Test("suggests near misses and case slips, not unrelated words")
    func suggestions() {
        let keys = ProfileEntry.keys
        #expect(DidYouMean.suggest("secretkey", from: keys) == "secretKey")
        #expect(DidYouMean.suggest("acessKey", from: keys) == "accessKey")
        #expect(DidYouMean.suggest("marchant", from: keys) == "merchant")
        #expect(DidYouMean.suggest("colour", from: keys) == nil)
        #expect(DidYouMean.distance("kitten", "sitting") == 3)
    }
}
