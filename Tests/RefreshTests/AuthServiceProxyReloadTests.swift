import Foundation
import TestFixtures
import Testing

@testable import TokenModel

/// A reload that changes only a profile's proxy, on the test clock of `AuthServiceTests`.
extension AuthServiceTests {
    @Test func reloadWithAnotherProxyUpdatesTheProfileKeepsItsTokenAndShowsTheNewProxy() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        let before = try #require(await auth.status(of: "a"))
        #expect(before.proxy == nil)

        var proxied = TestProfiles.make("a")
        proxied.proxy = ProxyServer(
            host: "10.0.0.5", port: 3128, username: "svc", password: SecretString("pw-not-shown"))
        let summary = await auth.reload([proxied])
        #expect(summary.updated == ["a"])
        let after = try #require(await auth.status(of: "a"))
        #expect(after.proxy == "10.0.0.5:3128")
        #expect(after.tokenFingerprint == before.tokenFingerprint)
        #expect(transport.calls("AK-a") == 1)

        let direct = await auth.reload([TestProfiles.make("a")])
        #expect(direct.updated == ["a"])
        #expect(await auth.status(of: "a")?.proxy == nil)
        await auth.shutdown()
    }
}
