import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: one AsyncHTTPClient for the whole process, TLS verification always on,
/// redirects never followed (a POST carrying a secret must not wander to another host).
public final class HTTPTokenTransport: TokenTransport {
    private let client: HTTPClient
    private let bodyLimit: Int
    /// The client's own event loops, when it was given a thread count; nil for NIO's shared group.
    private let ownGroup: MultiThreadedEventLoopGroup?

    /// - Parameters:
    ///   - connectTimeout: how long to wait for a connection.
    ///   - bodyLimit: bodies above this are refused (default 64 KiB).
    ///   - maxConnectionsPerHost: the pool's soft limit; match it to the refresh concurrency.
    ///   - threads: event-loop threads of a group of its own; nil shares NIO's process-wide group
    ///     (one thread per core). `tokentop check` uses one: see README "Performance".
    public init(
        connectTimeout: Duration = .seconds(10), bodyLimit: Int = 64 * 1024, maxConnectionsPerHost: Int = 8,
        threads: Int? = nil
    ) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeout.seconds * 1000)))
        )
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost))
        configuration.httpVersion = .http1Only
        let group = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0)) }
        self.ownGroup = group
        self.client = HTTPClient(
            eventLoopGroup: group ?? HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.bodyLimit = bodyLimit
    }

    /// The event loops the client reads and writes on.
    public var eventLoops: [any EventLoop] { Array(client.eventLoopGroup.makeIterator()) }

    /// Closes pooled connections. Call once, before the process exits.
    public func shutdown() async {
        try? await client.shutdown()
        try? await ownGroup?.shutdownGracefully()
    }

    public func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration) async throws(TransportError)
        -> TransportResponse
    {
        let limit = bodyLimit
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.seconds * 1e9))
        // AsyncHTTPClient's future-based `execute`: its deadline covers the whole exchange, body
        // included (a server may trickle its body forever), the body is gathered on the event loop
        // up to `limit`, and the answer comes back as one future. The async `execute` stops its
        // deadline at the response head and costs two extra tasks per request (one of ours for the
        // body deadline, one of its own to register the request with its cancel handler).
        let task: HTTPClient.Task<HTTPClient.Response>
        do {
            var fields = HTTPHeaders()
            fields.reserveCapacity(headers.count + 2)
            for field in headers { fields.add(name: field.name, value: field.value) }
            let request = try HTTPClient.Request(url: url, method: .POST, headers: fields, body: .bytes(body))
            task = client.execute(
                request: request, delegate: ResponseAccumulator(request: request, maxBodySize: limit),
                deadline: deadline)
        } catch let error as HTTPClientError {
            throw Self.translate(error, timeout: timeout, limit: limit)
        } catch {
            throw .connection(Self.describe(error))
        }
        do {
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            let fields = response.headers.map { HeaderField(name: $0.name, value: $0.value) }
            let bytes = response.body.map { Array(buffer: $0) } ?? []
            return TransportResponse(status: Int(response.status.code), headers: fields, body: bytes)
        } catch let error as HTTPClientError {
            throw Self.translate(error, timeout: timeout, limit: limit)
        } catch is ResponseAccumulator.ResponseTooBigError {
            throw .bodyTooLarge(limit: limit)
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
