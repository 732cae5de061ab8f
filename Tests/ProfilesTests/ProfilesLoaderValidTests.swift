import Foundation
import TestFixtures
import Testing

@testable import Profiles
@testable import TokenModel

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
        #expect(
            profile.headers == [
                HeaderField(name: "X-Zeta", value: "1"), HeaderField(name: "API-Key", value: "fake-api-key"),
            ])
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
        let a = set.profiles[0]
        let b = set.profiles[1]
        #expect(a.environment == "pg-uat")
        #expect(a.hostLabel == "olympus-pg-uat.enkash.in")
        #expect(a.headers.map(\.name) == ["API-Key", "X-Team"])
        #expect(a.refresh == RefreshSettings(before: .seconds(180), timeout: .seconds(10)))
        #expect(!a.enabled)
        #expect(a.tags == ["enkash"])
        #expect(b.environment == "cards-live")
        #expect(
            b.headers == [
                HeaderField(name: "X-Team", value: "payments"), HeaderField(name: "api-key", value: "fake-own-key"),
            ])
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

    @Test(
        "plain http is allowed for loopback hosts",
        arguments: [
            "http://127.0.0.1:8080", "http://127.9.8.7", "http://localhost:9000", "http://LOCALHOST",
            "http://[::1]:8443",
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
        let set = try await offPool {
            Result { () throws(ConfigError) in
                try load(
                    """
                    profiles:
                      - name: a
                        environment: cards-uat
                        accessKey: {command: "printf fake-cmd-access", timeout: 2s}
                        secretKey:
                          command: echo fake-cmd-secret
                    """)
            }
        }.get()
        #expect(set.profiles[0].accessKey == "fake-cmd-access")
        #expect(set.profiles[0].secretKey.reveal() == "fake-cmd-secret")
    }
}
