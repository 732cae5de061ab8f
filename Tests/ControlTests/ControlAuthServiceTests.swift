import Control
import EnKashClient
import Foundation
import Refresh
import Synchronization
import Testing
import TokenModel

/// A transport that always issues the same known token.
final class KnownTokenTransport: TokenTransport {
    let token: String
    let calls = Mutex(0)

    init(token: String) { self.token = token }

    func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer?)
        async throws(TransportError) -> TransportResponse
    {
        calls.withLock { $0 += 1 }
        let expiry = Int64((Date().timeIntervalSince1970 + 300) * 1000)
        let json =
            #"{"resultCode":0,"resultMessage":"Token generated successfully.","token":"\#(token)","expiry":\#(expiry)}"#
        return TransportResponse(
            status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Array(json.utf8)
        )
    }
}

/// The real auth service behind the socket: what a viewer receives never holds the token or
/// the secret, and a refresh sent over the socket makes exactly one request.
@Suite struct ControlAuthServiceTests {
    @Test func nothingOnTheWireHoldsTheTokenOrTheSecret() async throws {
        let token = "tok-\(UUID().uuidString)-SECRET-PART"
        let secret = "SK-\(UUID().uuidString)"
        let transport = KnownTokenTransport(token: token)
        let profile = Profile(
            name: "alpha", merchant: "Alpha", baseURL: try #require(URL(string: "http://127.0.0.1:9")),
            accessKey: "AK-alpha",
            secretKey: SecretString(secret), refresh: RefreshSettings(before: .seconds(60), timeout: .seconds(5)),
            allowInsecureHTTP: true)
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        // No manual rate limit: the refresh below comes right after the first token.
        policy.manualRefreshInterval = .zero
        let auth = AuthService(profiles: [profile], client: TokenClient(transport: transport), policy: policy)
        await auth.start()
        defer { Task { await auth.shutdown() } }
        let directory = try SocketDirectory()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: auth, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        defer {
            running.cancel()
            Task { await server.close() }
        }

        let raw = try RawSocket(path: server.path)
        raw.write(#"{"type":"subscribe","id":1}"# + "\n")
        #expect(await raw.line(containing: #""state":"valid""#) != nil, "the first token arrives")
        let before = transport.calls.withLock { $0 }
        raw.write(#"{"type":"refresh","profile":"alpha","id":2}"# + "\n")
        let result = try #require(await raw.line(containing: #""type":"result""#))
        #expect(result.contains(#""ok":true"#))
        #expect(transport.calls.withLock { $0 } == before + 1)
        raw.write(#"{"type":"status","id":3}"# + "\n")
        _ = await raw.line(containing: #""type":"snapshot""#)

        let everything = String(decoding: raw.received, as: UTF8.self)
        #expect(everything.contains(SecretString(token).fingerprint))
        #expect(!everything.contains(token), "a whole token crossed the socket")
        #expect(!everything.contains("SECRET-PART"))
        #expect(!everything.contains(secret), "the secret key crossed the socket")
    }
}
