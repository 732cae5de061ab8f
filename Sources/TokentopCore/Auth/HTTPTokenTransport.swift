import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The real transport: one AsyncHTTPClient for the whole process, TLS verification always on,
/// redirects never followed (a POST carrying a secret must not wander to another host).
public final class HTTPTokenTransport: TokenTransport {
    private let client: HTTPClient
    private let bodyLimit: Int

    /// - Parameters:
    ///   - connectTimeout: how long to wait for a connection.
    ///   - bodyLimit: bodies above this are refused (default 64 KiB).
    ///   - maxConnectionsPerHost: the pool's soft limit; match it to the refresh concurrency.
    public init(connectTimeout: Duration = .seconds(10), bodyLimit: Int = 64 * 1024, maxConnectionsPerHost: Int = 8) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeout.seconds * 1000)))
        )
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost))
        configuration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.bodyLimit = bodyLimit
    }

    /// Closes pooled connections. Call once, before the process exits.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration) async throws(TransportError)
        -> TransportResponse
    {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        for field in headers { request.headers.add(name: field.name, value: field.value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let prepared = request
        let client = self.client
        let limit = bodyLimit
        let amount = TimeAmount.nanoseconds(Int64(timeout.seconds * 1e9))
        let deadline = NIODeadline.now() + amount
        // The whole exchange (head and body) runs in one task that a timer on an event loop
        // cancels at the deadline: AsyncHTTPClient's own deadline stops at the response head, and
        // a server may trickle its body forever. (A task group racing a `Task.sleep` child cost a
        // second child task and a dispatch timer per request.)
        let expired = DeadlineFlag()
        let exchange = Task { () async throws -> TransportResponse in
            let response = try await client.execute(prepared, deadline: deadline)
            let bytes = try await response.body.collect(upTo: limit)
            let fields = response.headers.map { HeaderField(name: $0.name, value: $0.value) }
            return TransportResponse(status: Int(response.status.code), headers: fields, body: Array(buffer: bytes))
        }
        let timer = client.eventLoopGroup.any().scheduleTask(deadline: deadline) {
            expired.set()
            exchange.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await exchange.value
            } onCancel: {
                exchange.cancel()
            }
        } catch _ where expired.isSet {
            throw .timedOut(timeout)
        } catch let error as TransportError {
            throw error
        } catch let error as HTTPClientError {
            throw Self.translate(error, timeout: timeout, limit: limit)
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch is CancellationError {
            throw .connection("cancelled")
        } catch {
            throw .connection(Self.describe(error))
        }
    }

    private static func translate(_ error: HTTPClientError, timeout: Duration, limit: Int) -> TransportError {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout: .timedOut(timeout)
        case .connectTimeout: .connection("could not connect in time (connect timeout)")
        case .remoteConnectionClosed: .connection("the server closed the connection before answering")
        case .tlsHandshakeTimeout: .connection("TLS handshake timed out")
        case .cancelled: .connection("cancelled")
        default: .connection("HTTP client error: \(error)")
        }
    }

    /// A one-line description of a lower-level (NIO, TLS, socket) error.
    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        return String(firstLine.prefix(300))
    }
}

/// Set once by the deadline timer, read by the request it ended.
private final class DeadlineFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
