import Foundation
import NIOSSL
import Synchronization
import Testing

@testable import EnKashClient
@testable import TokenModel

/// The HTTP transport over real loopback sockets against a scripted NIO server: what goes on the
/// wire, connection reuse, no second sending of a written request, timeouts, limits,
/// cancellation and TLS certificate checks.
@Suite struct HTTPTokenTransportTests {
    static let json = [HeaderField(name: "Content-Type", value: "application/json")]

    static func url(_ server: ScriptedHTTPServer, https: Bool = false) throws -> URL {
        try #require(URL(string: "\(https ? "https" : "http")://127.0.0.1:\(server.port)/api/v0/merchant/token"))
    }

    static func post(
        _ transport: HTTPTokenTransport, _ url: URL, headers: [HeaderField] = json, timeout: Duration = .seconds(5)
    ) async -> Result<TransportResponse, TransportError> {
        do throws(TransportError) {
            return .success(
                try await transport.post(url: url, headers: headers, body: Array("{}".utf8), timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    @Test func oneRequestIsOneWellFormedPostAndTheConnectionIsKept() async throws {
        let heads = Mutex<[String]>([])
        let server = try await ScriptedHTTPServer.start { _, head in
            heads.withLock { $0.append(head) }
            return .ok(#"{"token":"t"}"#)
        }
        let transport = HTTPTokenTransport()
        let url = try Self.url(server)
        for _ in 1...3 {
            let answer = try await Self.post(transport, url).get()
            #expect(answer.status == 200)
            #expect(String(decoding: answer.body, as: UTF8.self) == #"{"token":"t"}"#)
        }
        await transport.shutdown()
        await server.stop()
        #expect(server.seen == .init(connections: 1, requests: 3), "three requests on one kept connection")
        let head = try #require(heads.withLock { $0.first })
        let lines = head.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "POST /api/v0/merchant/token HTTP/1.1")
        // Field names compared without case: AsyncHTTPClient writes `host`.
        #expect(lines.contains { $0.lowercased() == "host: 127.0.0.1:\(server.port)" })
        #expect(lines.contains("Content-Length: 2"))
        #expect(lines.contains("Content-Type: application/json"))
    }

    @Test func aRequestWrittenToAKeptConnectionIsNeverSentTwice() async throws {
        // Request 2 arrives on the kept connection, which the server then drops without a byte:
        // it may have acted on it, so the transport reports the failure and does not send again.
        let server = try await ScriptedHTTPServer.start { number, _ in
            number == 2 ? .raw("", close: true) : .ok("{}")
        }
        let transport = HTTPTokenTransport()
        let url = try Self.url(server)
        #expect(try await Self.post(transport, url).get().status == 200)
        let second = await Self.post(transport, url)
        await transport.shutdown()
        await server.stop()
        #expect(second.failure == .connection("the server closed the connection before answering"))
        #expect(server.seen == .init(connections: 1, requests: 2), "sent once, on the kept connection")
    }

    @Test func aKeptConnectionTheServerClosedIsNotUsedAgain() async throws {
        // The first answer says nothing about closing, then the server closes the connection.
        let server = try await ScriptedHTTPServer.start { _, _ in .ok("{}", close: true) }
        let transport = HTTPTokenTransport()
        let url = try Self.url(server)
        #expect(try await Self.post(transport, url).get().status == 200)
        // Gives the client time to read the close (a loopback FIN arrives at once; AsyncHTTPClient
        // does not show its pool). Had it offered the closed connection, the request would have
        // been handed to it, found it closed, and gone again: `resentUnsent` counts that.
        try await Task.sleep(for: .seconds(1))
        #expect(try await Self.post(transport, url).get().status == 200)
        #expect(transport.resentUnsent.withLockedValue { $0 } == 0, "the closed connection was offered again")
        await transport.shutdown()
        await server.stop()
        #expect(server.seen == .init(connections: 2, requests: 2))
    }

    @Test func aNewConnectionClosedWithoutAnAnswerIsNotRetried() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in .raw("", close: true) }
        let transport = HTTPTokenTransport()
        let result = await Self.post(transport, try Self.url(server))
        await transport.shutdown()
        await server.stop()
        #expect(result.failure == .connection("the server closed the connection before answering"))
        #expect(server.seen.requests == 1)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in .silent }
        let transport = HTTPTokenTransport()
        let started = ContinuousClock.now
        let result = await Self.post(transport, try Self.url(server), timeout: .milliseconds(300))
        let elapsed = ContinuousClock.now - started
        await transport.shutdown()
        await server.stop()
        #expect(result.failure == .timedOut(.milliseconds(300)))
        #expect(elapsed < .seconds(5), "the timeout took \(elapsed)")
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in .ok(String(repeating: "x", count: 2000)) }
        let transport = HTTPTokenTransport(bodyLimit: 1024)
        let result = await Self.post(transport, try Self.url(server))
        await transport.shutdown()
        await server.stop()
        #expect(result.failure == .bodyTooLarge(limit: 1024))
    }

    @Test func aHeadOverTheLimitIsRefused() async throws {
        let field = "X-Filler: " + String(repeating: "y", count: 8000) + "\r\n"
        let server = try await ScriptedHTTPServer.start { _, _ in
            .raw(
                "HTTP/1.1 200 OK\r\n" + String(repeating: field, count: 9) + "Content-Length: 2\r\n\r\n{}", close: false
            )
        }
        let transport = HTTPTokenTransport()
        let result = await Self.post(transport, try Self.url(server))
        await transport.shutdown()
        await server.stop()
        guard case .connection(let reason) = result.failure else {
            Issue.record("a 72 KiB head was accepted: \(result)")
            return
        }
        #expect(reason.contains("64 KiB"), "\(reason)")
    }

    @Test func aChunkedAnswerIsAssembled() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in
            .raw(
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n",
                close: false)
        }
        let transport = HTTPTokenTransport()
        let answer = try await Self.post(transport, try Self.url(server)).get()
        await transport.shutdown()
        await server.stop()
        #expect(answer.status == 201)
        #expect(String(decoding: answer.body, as: UTF8.self) == #"{"a":1}"#)
        #expect(answer.header("transfer-encoding") == "chunked")
    }

    @Test func aRedirectIsReturnedNotFollowed() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in
            .raw(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n",
                close: false)
        }
        let transport = HTTPTokenTransport()
        let answer = try await Self.post(transport, try Self.url(server)).get()
        await transport.shutdown()
        await server.stop()
        #expect(answer.status == 307)
        #expect(server.seen.requests == 1)
    }

    @Test func aCancelledRequestEndsAtOnce() async throws {
        let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
        let server = try await ScriptedHTTPServer.start { _, _ in
            signal.yield()
            return .silent
        }
        let transport = HTTPTokenTransport()
        let url = try Self.url(server)
        let started = ContinuousClock.now
        let request = Task { await Self.post(transport, url, timeout: .seconds(60)) }
        for await _ in arrived { break }
        request.cancel()
        let result = await request.value
        let elapsed = ContinuousClock.now - started
        await transport.shutdown()
        await server.stop()
        #expect(result.failure == .connection("cancelled"))
        #expect(elapsed < .seconds(10), "cancelling took \(elapsed)")
    }

    @Test func aHeaderWithALineBreakIsRefusedBeforeAnythingIsSent() async throws {
        let server = try await ScriptedHTTPServer.start { _, _ in .ok("{}") }
        let transport = HTTPTokenTransport()
        let evil = [HeaderField(name: "X-Note", value: "a\r\nX-Injected: 1")]
        let result = await Self.post(transport, try Self.url(server), headers: evil)
        await transport.shutdown()
        await server.stop()
        guard case .connection(let reason) = result.failure else {
            Issue.record("not refused: \(result)")
            return
        }
        #expect(reason.contains("line break"))
        #expect(server.seen.requests == 0)
    }

    @Test func nothingListeningIsAClearConnectionError() async throws {
        // A port held bound but not listening: connecting is refused, and no server of a test
        // running alongside can take the port meanwhile (a stopped server's port could be).
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        let url = try #require(
            URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/api/v0/merchant/token"))
        let transport = HTTPTokenTransport()
        let result = await Self.post(transport, url)
        await transport.shutdown()
        guard case .connection(let reason) = result.failure else {
            Issue.record("no connection error: \(result)")
            return
        }
        #expect(reason.lowercased().contains("refused"), "\(reason)")
    }

    // MARK: TLS

    @Test func tlsIsVerifiedAgainstTheTrustRoots() async throws {
        let throwaway = try ThrowawayCertificate()
        let certificate = throwaway.certificate
        let server = try await ScriptedHTTPServer.start(tls: throwaway.serverContext) { _, _ in .ok(#"{"token":"tls"}"#)
        }
        let url = try Self.url(server, https: true)

        // The system's trust roots do not know this certificate: refused, nothing sent.
        let strict = HTTPTokenTransport()
        let refused = await Self.post(strict, url)
        await strict.shutdown()
        guard case .connection(let reason) = refused.failure else {
            Issue.record("an unknown certificate was accepted: \(refused)")
            await server.stop()
            return
        }
        #expect(reason.uppercased().contains("CERTIFICATE"), "\(reason)")
        #expect(server.seen.requests == 0)

        // Trusting it: the request goes, over TLS, and the connection is kept.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([certificate])
        let trusting = HTTPTokenTransport(
            connectTimeout: .seconds(10), bodyLimit: 64 * 1024, maxConnectionsPerHost: 8, threads: nil,
            idleTimeout: .seconds(60), tls: tls)
        let first = await Self.post(trusting, url)
        let second = await Self.post(trusting, url)
        await trusting.shutdown()
        await server.stop()
        #expect(try first.get().status == 200)
        #expect(try String(decoding: second.get().body, as: UTF8.self) == #"{"token":"tls"}"#)
        #expect(server.seen.requests == 2)
        #expect(server.seen.connections == 2, "one refused connection, then one kept for both requests")
    }

    @Test func certificateVerificationCannotBeTurnedOff() async throws {
        let throwaway = try ThrowawayCertificate()
        let server = try await ScriptedHTTPServer.start(tls: throwaway.serverContext) { _, _ in .ok("{}") }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let transport = HTTPTokenTransport(
            connectTimeout: .seconds(10), bodyLimit: 64 * 1024, maxConnectionsPerHost: 8, threads: nil,
            idleTimeout: .seconds(60), tls: tls)
        let result = await Self.post(transport, try Self.url(server, https: true))
        await transport.shutdown()
        await server.stop()
        guard case .connection(let reason) = result.failure else {
            Issue.record("an unknown certificate was accepted: \(result)")
            return
        }
        #expect(reason.uppercased().contains("CERTIFICATE"), "\(reason)")
        #expect(server.seen.requests == 0)
    }
}

extension Result {
    /// The failure, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
