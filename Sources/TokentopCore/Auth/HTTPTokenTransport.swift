import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

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
        do {
            // Race the whole exchange (head and body) against the timeout: AsyncHTTPClient's own
            // deadline stops at the response head, and a server may trickle its body forever.
            return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(prepared, timeout: amount)
                    let bytes = try await response.body.collect(upTo: limit)
                    let fields = response.headers.map { HeaderField(name: $0.name, value: $0.value) }
                    return TransportResponse(status: Int(response.status.code), headers: fields, body: Array(buffer: bytes))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw TransportError.timedOut(timeout)
                }
                return response
            }
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
