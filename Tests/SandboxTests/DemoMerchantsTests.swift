import Foundation
import Sandbox
import Testing

@Suite("Demo merchants")
struct DemoMerchantsTests {
    @Test("8-10 distinct profiles matching the credentials, short lifetimes, tags, loopback URL")
    func shape() throws {
        let baseURL = try #require(URL(string: "http://127.0.0.1:9999"))
        let profiles = DemoMerchants.profiles(baseURL: baseURL)
        #expect((8...10).contains(profiles.count))
        #expect(Set(profiles.map(\.name)).count == profiles.count)
        #expect(Set(profiles.map(\.merchant)).count == profiles.count)
        #expect(profiles.map(\.accessKey) == DemoMerchants.credentials.map(\.accessKey))
        for (profile, credential) in zip(profiles, DemoMerchants.credentials) {
            #expect(profile.tokenURL.absoluteString == "http://127.0.0.1:9999/api/v0/merchant/token")
            #expect(profile.tags.count >= 2)
            let lifetime = try #require(credential.lifetime)
            #expect(lifetime >= .seconds(60) && lifetime <= .seconds(300))
            #expect(profile.refresh.before < lifetime)
        }
    }

    @Test("against a live sandbox each deterministic demo state answers as described")
    func liveStates() async throws {
        try await withSandbox(DemoMerchants.credentials) { server in
            let profiles = DemoMerchants.profiles(baseURL: server.baseURL)
            func status(_ name: String) async throws -> SandboxReply {
                let profile = try #require(profiles.first { $0.name == name })
                return try await server.requestToken(profile.accessKey, profile.secretKey.reveal())
            }
            #expect(try await status("acme-pay").status == 200)
            #expect(try await status("nova-travel").status == 401)
            #expect(try await status("orbit-logistics").status == 403)
            let legacy = try await status("legacy-ledger")
            let expiry = try #require((legacy.json?["expiry"] as? NSNumber)?.doubleValue)
            #expect(expiry < 1e11)  // seconds, not milliseconds
            let skewed = try await status("saffron-hotels")
            let date = try #require(skewed.header("Date").flatMap(parseHTTPDate))
            #expect(abs(date.timeIntervalSinceNow - 90) < 3)
        }
    }
}
