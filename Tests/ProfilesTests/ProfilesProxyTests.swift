import Foundation
import TestFixtures
import Testing

@testable import Profiles
@testable import TokenModel

/// `proxy:` / `proxyPassword:` in the profiles file, the environment's proxies, and which wins.
/// Fake credentials only.
@Suite struct ProfilesProxyTests {
    static let environment = [
        "HOME": "/home/fake", "ACCESS_A": "fake-access-aaaa", "SECRET_A": "fake-secret-a",
        "PROXY_PW": "fake-proxy-pw",
    ]

    func load(_ yaml: String, environment: [String: String] = environment, mode: mode_t? = nil)
        throws(ConfigError) -> ProfileSet
    {
        try ProfilesLoader.parse(
            yaml: yaml, file: "profiles.yaml", baseDirectory: "/nonexistent", environment: environment, fileMode: mode)
    }

    func errors(_ yaml: String, environment: [String: String] = environment) -> [ConfigDiagnostic] {
        do {
            let set = try load(yaml, environment: environment)
            Issue.record("expected errors, loaded \(set.profiles.count) profiles")
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    /// One profile with `extra` lines inside it (indented to the profile's keys).
    func file(defaults: String = "", _ extra: String = "", baseURL: String = "https://pay-uat.enkash.in") -> String {
        """
        defaults:
          baseURL: \(baseURL)
        \(defaults.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        profiles:
          - name: acme
            accessKey: {env: ACCESS_A}
            secretKey: {env: SECRET_A}
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    @Test func noProxyAnywhereGoesDirect() throws {
        #expect(try load(file()).profiles.first?.proxy == nil)
    }

    @Test func aProfilesProxyIsUsed() throws {
        let profile = try #require(try load(file("proxy: http://10.0.0.5:3128")).profiles.first)
        #expect(profile.proxy == ProxyServer(host: "10.0.0.5", port: 3128))
    }

    @Test func precedenceProfileThenDefaultsThenEnvironment() throws {
        let env = Self.environment.merging(["HTTPS_PROXY": "http://env.corp:8080"]) { $1 }
        #expect(try load(file(), environment: env).profiles.first?.proxy?.label == "env.corp:8080")
        let defaults = file(defaults: "proxy: http://defaults.corp:3128")
        #expect(try load(defaults, environment: env).profiles.first?.proxy?.label == "defaults.corp:3128")
        let own = file(defaults: "proxy: http://defaults.corp:3128", "proxy: http://own.corp:3129")
        #expect(try load(own, environment: env).profiles.first?.proxy?.label == "own.corp:3129")
        let none = file(defaults: "proxy: http://defaults.corp:3128", "proxy: none")
        #expect(try load(none, environment: env).profiles.first?.proxy == nil)
        #expect(try load(file(defaults: "proxy: NONE"), environment: env).profiles.first?.proxy == nil)
    }

    @Test func theEnvironmentIsChosenByTheBaseURLsScheme() throws {
        let env = ["ACCESS_A": "a", "SECRET_A": "s", "HTTP_PROXY": "plain.corp:1", "HTTPS_PROXY": "secure.corp:2"]
        #expect(try load(file(), environment: env).profiles.first?.proxy?.label == "secure.corp:2")
        let loopback = file(baseURL: "http://127.0.0.1:8080")
        #expect(try load(loopback, environment: env).profiles.first?.proxy?.label == "plain.corp:1")
        let bypassed = env.merging(["NO_PROXY": "127.0.0.1"]) { $1 }
        #expect(try load(loopback, environment: bypassed).profiles.first?.proxy == nil)
    }

    @Test func noProxyDoesNotOverrideAProxyWrittenInTheFile() throws {
        let env = Self.environment.merging(["NO_PROXY": "*", "HTTPS_PROXY": "env.corp:1"]) { $1 }
        #expect(
            try load(file("proxy: http://own.corp:3128"), environment: env).profiles.first?.proxy?.label
                == "own.corp:3128")
        #expect(try load(file(), environment: env).profiles.first?.proxy == nil)
    }

    @Test func proxyPasswordIsASecretReference() async throws {
        let env = try #require(
            try load(file("proxy: http://svc@proxy.corp:3128\nproxyPassword: {env: PROXY_PW}")).profiles.first?.proxy)
        #expect(env.username == "svc" && env.password?.reveal() == "fake-proxy-pw")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let secret = try directory.write("proxy.secret", "fake-file-pw\nsecond line\n", mode: 0o600)
        let fromFile = try #require(
            try load(file("proxy: http://svc@proxy.corp:3128\nproxyPassword: {file: \(secret)}")).profiles.first?.proxy)
        #expect(fromFile.password?.reveal() == "fake-file-pw")
        // A command secret blocks loading while swift-subprocess runs it: loaded off the pool.
        let withCommand = try directory.write(
            "profiles.yaml", file("proxy: http://svc@proxy.corp:3128\nproxyPassword: {command: \"echo fake-cmd-pw\"}"),
            mode: 0o600)
        let fromCommand = try #require(
            try await ProfilesLoader.loadOffPool(path: withCommand, environment: Self.environment).profiles.first?.proxy
        )
        #expect(fromCommand.password?.reveal() == "fake-cmd-pw")
        let inDefaults = try #require(
            try load(file(defaults: "proxy: http://svc@proxy.corp:3128\nproxyPassword: {env: PROXY_PW}")).profiles
                .first?.proxy)
        #expect(inDefaults.password?.reveal() == "fake-proxy-pw")
    }

    @Test func aLiteralProxyPasswordInAReadableFileWarnsLikeASecretKey() throws {
        let yaml = file("proxy: http://svc@proxy.corp:3128\nproxyPassword: fake-literal-pw")
        let set = try load(yaml, mode: 0o100644)
        let warning = try #require(set.warnings.first)
        #expect(warning.field == "profiles[0].proxyPassword")
        #expect(warning.message.contains("a literal proxyPassword") && warning.message.contains("mode 644"))
        #expect((warning.line, warning.column) == (9, 20))
        #expect(!warning.description.contains("fake-literal-pw"))
        #expect(try load(yaml, mode: 0o100600).warnings.isEmpty)
        let inDefaults = file(defaults: "proxy: http://svc@proxy.corp:3128\nproxyPassword: fake-literal-pw")
        #expect(try load(inDefaults, mode: 0o100640).warnings.map(\.field) == ["defaults.proxyPassword"])
        do {
            _ = try ProfilesLoader.parse(
                yaml: yaml, file: "profiles.yaml", baseDirectory: "/", environment: Self.environment,
                fileMode: 0o100644,
                strict: true)
            Issue.record("--strict must refuse it")
        } catch {
            #expect(error.diagnostics.map(\.field) == ["profiles[0].proxyPassword"])
        }
    }

    @Test func aPasswordInTheURLIsRefusedAndNotRepeated() throws {
        let found = errors(file("proxy: http://svc:hunter2-fake@proxy.corp:3128"))
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.field == "profiles[0].proxy")
        #expect((error.line, error.column) == (8, 12))
        #expect(error.hint?.contains("proxyPassword") == true)
        #expect(!error.description.contains("hunter2-fake"))
    }

    @Test func everyBadProxyURLIsReportedWithItsPlace() throws {
        let yaml = """
            defaults:
              environment: cards-uat
              proxy: socks5://proxy.corp:1080
            profiles:
              - name: a
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: https://proxy.corp:3128
              - name: b
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: http://proxy.corp:70000
              - name: c
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: http://proxy.corp
              - name: d
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: "::garbage::"
              - name: e
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: http://bad_host!:3128
              - name: f
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
                proxy: [http://a:1]
            """
        let found = errors(yaml)
        #expect(
            found.map(\.field) == [
                "defaults.proxy", "profiles[0].proxy", "profiles[1].proxy", "profiles[2].proxy", "profiles[3].proxy",
                "profiles[4].proxy", "profiles[5].proxy",
            ], "\(found.map(\.description))")
        #expect(found.map(\.line) == [3, 8, 12, 16, 20, 24, 28])
        #expect(found.allSatisfy { $0.column == 12 || ($0.field == "defaults.proxy" && $0.column == 10) })
        #expect(found[0].message.contains("SOCKS"))
        #expect(found[1].message.contains("https://"))
        #expect(found[2].message.contains("port '70000'"))
        #expect(found[3].message.contains("no port"))
        #expect(found.allSatisfy { ($0.hint ?? "").isEmpty == false })
    }

    @Test func theUserAndThePasswordComeInPairs() throws {
        let noUser = errors(file("proxy: http://proxy.corp:3128\nproxyPassword: {env: PROXY_PW}"))
        #expect(noUser.map(\.field) == ["profiles[0].proxyPassword"])
        #expect(noUser.first?.message.contains("names no user") == true)
        let noPassword = errors(file("proxy: http://svc@proxy.corp:3128"))
        #expect(noPassword.map(\.field) == ["profiles[0].proxy"])
        #expect(noPassword.first?.message.contains("no proxyPassword") == true)
        let alone = errors(file("proxyPassword: {env: PROXY_PW}"))
        #expect(alone.map(\.field) == ["profiles[0].proxyPassword"])
        let withNone = errors(file("proxy: none\nproxyPassword: {env: PROXY_PW}"))
        #expect(withNone.map(\.field) == ["profiles[0].proxyPassword"])
        let unset = errors(file("proxy: http://svc@proxy.corp:3128\nproxyPassword: {env: NOT_SET_ANYWHERE}"))
        #expect(unset.map(\.message) == ["environment variable NOT_SET_ANYWHERE is not set (profile \"acme\")"])
        // A profile's own proxy does not borrow the defaults' password.
        let borrowed = errors(
            file(
                defaults: "proxy: http://svc@proxy.corp:3128\nproxyPassword: {env: PROXY_PW}",
                "proxy: http://svc@other.corp:3128"))
        #expect(borrowed.map(\.field) == ["profiles[0].proxy"])
    }

    @Test func misspelledKeysGetADidYouMean() throws {
        let found = errors(file("proxi: http://proxy.corp:3128\nproxypassword: {env: PROXY_PW}"))
        #expect(
            found.map(\.message).contains { $0.contains("unknown key 'proxi'") && $0.contains("did you mean 'proxy'?") }
        )
        #expect(found.map(\.message).contains { $0.contains("did you mean 'proxyPassword'?") })
        let topLevel = errors("proxy: http://proxy.corp:3128\n" + file())
        #expect(topLevel.first?.hint?.contains("or under `defaults:`") == true)
    }

    @Test func anUnusableEnvironmentVariableIsOneErrorNamingItNeverItsPassword() throws {
        let env = Self.environment.merging(["HTTPS_PROXY": "socks5://svc:env-secret-pw@proxy.corp:1080"]) { $1 }
        var yaml = "defaults:\n  environment: cards-uat\nprofiles:\n"
        for index in 0..<3 {
            yaml += "  - name: p\(index)\n    accessKey: {env: ACCESS_A}\n    secretKey: {env: SECRET_A}\n"
        }
        do {
            _ = try load(yaml, environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1, "\(error.diagnostics.map(\.description))")
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.field == "profiles[0]")
            #expect(diagnostic.line == 4)
            #expect(diagnostic.message.contains("HTTPS_PROXY") && diagnostic.message.contains("SOCKS"))
            #expect(!diagnostic.description.contains("env-secret-pw"))
        }
        // Profiles that do not use it are fine.
        let direct = yaml.replacingOccurrences(of: "defaults:\n", with: "defaults:\n  proxy: none\n")
        #expect(try load(direct, environment: env).profiles.count == 3)
    }

    @Test func aMalformedProxyURLWithAPasswordIsPlacedButNeverRepeated() throws {
        for value in [
            "http://puser:PROXYPASS/qq93Lm@127.0.0.1:13129", "http//puser:PROXYPASSqq93Lm@127.0.0.1:13129",
            "http://puser:PROXYPASS#qq93Lm@127.0.0.1:13129", "http://puser:PROXYPASS?qq93Lm@127.0.0.1:13129",
            "http://puser:PROXYPASS@qq93Lm@127.0.0.1:13129", "http://puser:PROXYPASS:qq93Lm@127.0.0.1:13129",
        ] {
            let found = errors(file("proxy: \"\(value)\"\nproxyPassword: {env: PROXY_PW}"))
            #expect(found.count == 1, "\(value): \(found.map(\.description))")
            let error = try #require(found.first)
            #expect(error.field == "profiles[0].proxy")
            #expect((error.line, error.column) == (8, 12), "\(value)")
            #expect(error.description.contains("profiles.yaml:8:12"), "\(error.description)")
            #expect(error.message.contains("…@127.0.0.1:13129"), "\(error.message)")
            #expect(error.hint?.isEmpty == false)
            for piece in ["PROXYPASS", "qq93Lm"] {
                #expect(!error.description.contains(piece), "\(value): \(error.description)")
            }
        }
    }

    @Test func aMalformedEnvironmentProxyIsNamedButNeverRepeated() throws {
        for value in ["http//puser:PROXYPASSqq93Lm@127.0.0.1:13129", "garbage:::PROXYPASSqq93Lm"] {
            let env = Self.environment.merging(["HTTPS_PROXY": value]) { $1 }
            do {
                _ = try load(file(), environment: env)
                Issue.record("\(value): expected an error")
            } catch {
                let diagnostic = try #require(error.diagnostics.first)
                #expect(error.diagnostics.count == 1)
                #expect(diagnostic.message.contains("HTTPS_PROXY") && diagnostic.message.contains("not a proxy URL"))
                #expect(diagnostic.line != nil)
                #expect(!diagnostic.description.contains("PROXYPASS"), "\(diagnostic.description)")
            }
        }
    }

    @Test func theTemplatesProxyExampleLoadsOnceUncommented() throws {
        let text = ProfilesTemplate.text
            .replacingOccurrences(of: "  # proxy: http://tokentop@", with: "  proxy: http://tokentop@")
            .replacingOccurrences(of: "  # proxyPassword: ", with: "  proxyPassword: ")
        #expect(text != ProfilesTemplate.text)
        var environment = Self.environment
        for name in ProfilesTemplate.exampleVariables { environment[name] = "fake-\(name.lowercased())" }
        environment["PROXY_PASSWORD"] = "fake-template-pw"
        let set = try load(text, environment: environment)
        #expect(set.profiles.count == 2)
        #expect(
            set.profiles.allSatisfy { $0.proxy?.label == "proxy.example.com:3128" && $0.proxy?.username == "tokentop" })
        #expect(set.profiles.first?.proxy?.password?.reveal() == "fake-template-pw")
    }

    @Test func validatesSummaryShowsTheProxyNeverItsPassword() throws {
        let yaml =
            file("proxy: http://svc@[2001:db8::1]:3128\nproxyPassword: {env: PROXY_PW}")
            + "\n  - name: plain\n    accessKey: {env: ACCESS_A}\n    secretKey: {env: SECRET_A}\n    proxy: none\n"
        let rows = ProfilesSummary.rows(try load(yaml))
        #expect(rows.first?.contains(" PROXY ") == true)
        #expect(rows.first { $0.hasPrefix("acme ") }?.contains(" [2001:db8::1]:3128 ") == true)
        #expect(rows.first { $0.hasPrefix("plain ") }?.contains(" direct ") == true)
        #expect(!rows.joined().contains("fake-proxy-pw") && !rows.joined().contains("svc"))
    }

    @Test func defaultsAndProfileProxiesResolvePerProfile() throws {
        let yaml =
            file(
                defaults: "proxy: http://svc@proxy.corp:3128\nproxyPassword: {env: PROXY_PW}",
                "proxy: http://[2001:db8::1]:8080")
            + "\n  - name: second\n    accessKey: {env: ACCESS_A}\n    secretKey: {env: SECRET_A}\n"
        let profiles = try load(yaml).profiles
        #expect(profiles.map { $0.proxy?.label } == ["[2001:db8::1]:8080", "proxy.corp:3128"])
        #expect(profiles.first?.proxy?.password == nil, "a profile's own proxy never borrows the defaults' password")
        #expect(profiles.last?.proxy?.password?.reveal() == "fake-proxy-pw")
    }
}
