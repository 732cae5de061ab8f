import Foundation
import NIOSSL
import Synchronization
import Testing
import TinyproxyFixture

@testable import EnKashClient
@testable import TokenModel

/// The transport through a real proxy (tinyproxy, started per test) to the scripted server: the
/// request goes through the tunnel (tinyproxy's log shows it), TLS is verified end to end through
/// it, Basic proxy authentication, and a proxy that is down, asks for credentials or will not
/// tunnel is a transient failure that names the proxy and never its password.
@Suite struct ProxyTransportTests {
    static let password = "pr0xy-s3cret-pw"

    static func post(
        _ transport: HTTPTokenTransport, _ url: URL, through proxy: ProxyServer
    ) async -> Result<TransportResponse, TransportError> {
        do throws(TransportError) {
            return .success(
                try await transport.post(
                    url: url, headers: HTTPTokenTransportTests.json, body: Array("{}".utf8), timeout: .seconds(10),
                    proxy: proxy))
        } catch {
            return .failure(error)
        }
    }

    /// The failure's text, checked for the password before anything prints it.
    static func reason(_ result: Result<TransportResponse, TransportError>) -> String? {
        guard case .connection(let reason) = result.failure else { return nil }
        #expect(!reason.contains(password), "the proxy password is in an error")
        return reason.replacingOccurrences(of: password, with: "<password>")
    }

    @Test func aRequestGoesThroughTheProxyAndItsConnectionIsKept() async throws {
        let proxy = try await Tinyproxy.start()
        defer { proxy.stop() }
        let server = try await ScriptedHTTPServer.start { _, _ in .ok(#"{"token":"via-proxy"}"#) }
        let transport = HTTPTokenTransport()
        let url = try HTTPTokenTransportTests.url(server)
        let through = ProxyServer(host: "127.0.0.1", port: proxy.port)
        let first = await Self.post(transport, url, through: through)
        let second = await Self.post(transport, url, through: through)
        await transport.shutdown()
        await server.stop()
        #expect(try String(decoding: first.get().body, as: UTF8.self) == #"{"token":"via-proxy"}"#)
        #expect(try second.get().status == 200)
        #expect(server.seen == .init(connections: 1, requests: 2), "both requests through one kept tunnel")
        #expect(proxy.log.contains("CONNECT 127.0.0.1:\(server.port) HTTP/1.1"), "tinyproxy did not see the request")
    }

    @Test func tlsIsVerifiedEndToEndThroughTheTunnel() async throws {
        let throwaway = try ThrowawayCertificate()
        let certificate = throwaway.certificate
        let server = try await ScriptedHTTPServer.start(tls: throwaway.serverContext) { _, _ in .ok(#"{"token":"tls"}"#)
        }
        let proxy = try await Tinyproxy.start()
        defer { proxy.stop() }
        let url = try HTTPTokenTransportTests.url(server, https: true)
        let through = ProxyServer(host: "127.0.0.1", port: proxy.port)

        // The system's trust roots do not know the target's certificate: refused through the tunnel too.
        let strict = HTTPTokenTransport()
        let refused = await Self.post(strict, url, through: through)
        await strict.shutdown()
        let reason = try #require(Self.reason(refused), "an unknown certificate was accepted: \(refused)")
        #expect(reason.uppercased().contains("CERTIFICATE"), "\(reason)")
        #expect(server.seen.requests == 0)

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([certificate])
        let trusting = HTTPTokenTransport(
            connectTimeout: .seconds(10), bodyLimit: 64 * 1024, maxConnectionsPerHost: 8, threads: nil,
            idleTimeout: .seconds(60), tls: tls)
        let answer = await Self.post(trusting, url, through: through)
        await trusting.shutdown()
        await server.stop()
        #expect(try String(decoding: answer.get().body, as: UTF8.self) == #"{"token":"tls"}"#)
        #expect(server.seen.requests == 1)
        let tunnels = proxy.log.components(separatedBy: "CONNECT 127.0.0.1:\(server.port) HTTP/1.1").count - 1
        #expect(tunnels == 2, "one tunnel for the refused handshake, one for the request")
    }

    @Test func basicProxyAuthentication() async throws {
        let proxy = try await Tinyproxy.start(basicAuth: ("tokentop", Self.password))
        defer { proxy.stop() }
        let server = try await ScriptedHTTPServer.start { _, _ in .ok("{}") }
        let url = try HTTPTokenTransportTests.url(server)
        let transport = HTTPTokenTransport()
        let withCredentials = ProxyServer(
            host: "127.0.0.1", port: proxy.port, username: "tokentop", password: SecretString(Self.password))
        let wrongPassword = ProxyServer(
            host: "127.0.0.1", port: proxy.port, username: "tokentop", password: SecretString("not-it"))
        let anonymous = ProxyServer(host: "127.0.0.1", port: proxy.port)
        let allowed = await Self.post(transport, url, through: withCredentials)
        let refused = await Self.post(transport, url, through: anonymous)
        let wrong = await Self.post(transport, url, through: wrongPassword)
        await transport.shutdown()
        await server.stop()
        #expect(try allowed.get().status == 200)
        let expected = "proxy 127.0.0.1:\(proxy.port) refused the tunnel: 407 Proxy Authentication Required"
        #expect(Self.reason(refused) == expected)
        // tinyproxy answers a wrong password with 401, which AsyncHTTPClient reports without the status.
        let wrongReason = try #require(Self.reason(wrong), "a wrong proxy password was accepted: \(wrong)")
        #expect(wrongReason.hasPrefix("proxy 127.0.0.1:\(proxy.port) refused the tunnel"), "\(wrongReason)")
        #expect(server.seen.requests == 1, "only the authorised request reached the server")
    }

    @Test func aProxyThatIsDownIsNamed() async throws {
        let held = try HeldPort()
        let server = try await ScriptedHTTPServer.start { _, _ in .ok("{}") }
        let transport = HTTPTokenTransport()
        let through = ProxyServer(
            host: "127.0.0.1", port: held.port, username: "tokentop", password: SecretString(Self.password))
        let result = await Self.post(transport, try HTTPTokenTransportTests.url(server), through: through)
        await transport.shutdown()
        await server.stop()
        #expect(Self.reason(result) == "proxy 127.0.0.1:\(held.port) is not reachable: connection refused")
        #expect(server.seen.requests == 0)
    }

    @Test func aProxyThatWillNotTunnelIsNamed() async throws {
        // tinyproxy tunnels to port 443 only here: CONNECT to the server's port gets a 403.
        let proxy = try await Tinyproxy.start(extraLines: ["ConnectPort 443"])
        defer { proxy.stop() }
        let server = try await ScriptedHTTPServer.start { _, _ in .ok("{}") }
        let transport = HTTPTokenTransport()
        let through = ProxyServer(host: "127.0.0.1", port: proxy.port)
        let result = await Self.post(transport, try HTTPTokenTransportTests.url(server), through: through)
        await transport.shutdown()
        await server.stop()
        let reason = try #require(Self.reason(result), "\(result)")
        #expect(reason.hasPrefix("proxy 127.0.0.1:\(proxy.port) refused the tunnel"), "\(reason)")
        #expect(server.seen.requests == 0)
    }

    /// A scripted server standing in for a proxy that misbehaves on `CONNECT`.
    static func throughScriptedProxy(
        _ reply: ScriptedHTTPServer.Reply, connectTimeout: Duration = .seconds(10)
    ) async throws -> (reason: String?, proxyPort: Int, heads: [String]) {
        let heads = Mutex<[String]>([])
        let proxy = try await ScriptedHTTPServer.start { _, head in
            heads.withLock { $0.append(head) }
            return reply
        }
        let transport = HTTPTokenTransport(
            connectTimeout: connectTimeout, bodyLimit: 64 * 1024, maxConnectionsPerHost: 8, threads: nil,
            idleTimeout: .seconds(60), tls: .makeClientConfiguration())
        let target = try #require(URL(string: "https://token.example.test/api/v0/merchant/token"))
        let through = ProxyServer(
            host: "127.0.0.1", port: proxy.port, username: "tokentop", password: SecretString(Self.password))
        let result = await Self.post(transport, target, through: through)
        await transport.shutdown()
        await proxy.stop()
        return (Self.reason(result), proxy.port, heads.withLock { $0 })
    }

    @Test func aProxyAnswering5xxToConnectIsNamed() async throws {
        let run = try await Self.throughScriptedProxy(
            .raw("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", close: false))
        #expect(
            run.reason
                == "proxy 127.0.0.1:\(run.proxyPort) refused the tunnel: it answered CONNECT with an error status")
        // Only the request line is ever printed: the head holds the credentials.
        let head = try #require(run.heads.first)
        let requestLine = head.split(separator: "\r\n").first.map(String.init) ?? ""
        #expect(requestLine == "CONNECT token.example.test:443 HTTP/1.1")
        // The Basic credentials go with the CONNECT (base64 of tokentop:<password>).
        let credentials = Data("tokentop:\(Self.password)".utf8).base64EncodedString()
        let sentCredentials = head.split(separator: "\r\n").contains { line in
            line.lowercased() == "proxy-authorization: basic \(credentials.lowercased())"
        }
        #expect(sentCredentials, "no Basic Proxy-Authorization field with the credentials")
    }

    @Test func aProxyClosingTheConnectionIsNamed() async throws {
        let run = try await Self.throughScriptedProxy(.raw("", close: true))
        #expect(run.reason == "proxy 127.0.0.1:\(run.proxyPort) closed the connection before the tunnel was up")
    }

    @Test func aProxyThatNeverOpensTheTunnelIsNamed() async throws {
        let run = try await Self.throughScriptedProxy(.silent, connectTimeout: .milliseconds(300))
        #expect(
            run.reason
                == "proxy 127.0.0.1:\(run.proxyPort) did not connect or open the tunnel in time (connect timeout)")
    }

    @Test func aProxyFailureIsTransientAndNotBlamedOnTheServer() {
        let error = TransportError.connection(
            "proxy 10.0.0.5:3128 refused the tunnel: 407 Proxy Authentication Required")
        let now = Date()
        let result = ResponseClassifier().classify(
            error, profile: "p", trigger: .check, startedAt: now, finishedAt: now)
        #expect(result.record.outcome == .transient)
        #expect(result.record.error == error.description)
        #expect(result.token == nil)
    }
}
