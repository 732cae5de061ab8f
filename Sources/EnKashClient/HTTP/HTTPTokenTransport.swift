import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TokenModel

/// The real transport, on AsyncHTTPClient: HTTP/1.1, TLS with full certificate and host name
/// verification always on (system trust store, TLS 1.2 at least), redirects never followed (a POST
/// carrying a secret must not wander to another host), keep-alive connections pooled per host,
/// answers capped, one deadline for the whole exchange.
///
/// One `HTTPClient` serves direct requests and one more serves each distinct proxy (AsyncHTTPClient
/// keeps the proxy in the client's configuration); each is made on its first request and all
/// share the transport's event loops.
public final class HTTPTokenTransport: TokenTransport {
    private let group: any EventLoopGroup
    /// The transport's own event loops, when it was given a thread count; nil for NIO's shared group.
    private let ownGroup: MultiThreadedEventLoopGroup?
    private let configuration: HTTPClient.Configuration
    private let headLimit = 64 * 1024
    private let bodyLimit: Int

    private struct Clients {
        var direct: HTTPClient?
        var proxied: [ProxyServer: HTTPClient] = [:]
        var shutDown = false

        var all: [HTTPClient] { (direct.map { [$0] } ?? []) + Array(proxied.values) }
    }

    private let clients = NIOLockedValueBox(Clients())
    /// Requests handed to a kept connection that turned out closed before their head was sent,
    /// and so sent again on another connection (tests check a closed connection is not offered).
    let resentUnsent = NIOLockedValueBox(0)

    /// - Parameters:
    ///   - connectTimeout: how long to wait for a connection, TLS and a proxy's tunnel included
    ///     (within the request's own timeout).
    ///   - bodyLimit: bodies above this are refused (default 64 KiB).
    ///   - maxConnectionsPerHost: connections opened per host; match it to the refresh concurrency.
    ///   - threads: event-loop threads of a group of its own; nil shares NIO's process-wide group
    ///     (one thread per core). `tokentop check` uses one: see the catalog's Performance article
    ///     (Sources/tokentop/tokentop.docc/Performance.md).
    ///   - idleTimeout: a kept connection unused this long is closed.
    public convenience init(
        connectTimeout: Duration = .seconds(10), bodyLimit: Int = 64 * 1024, maxConnectionsPerHost: Int = 8,
        threads: Int? = nil, idleTimeout: Duration = .seconds(60)
    ) {
        self.init(
            connectTimeout: connectTimeout, bodyLimit: bodyLimit, maxConnectionsPerHost: maxConnectionsPerHost,
            threads: threads, idleTimeout: idleTimeout, tls: .makeClientConfiguration())
    }

    /// The same with a TLS configuration of the caller's (tests add a trust root of their own).
    /// Certificate verification stays full whatever `tls` says.
    init(
        connectTimeout: Duration, bodyLimit: Int, maxConnectionsPerHost: Int, threads: Int?, idleTimeout: Duration,
        tls: TLSConfiguration
    ) {
        let own = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0)) }
        ownGroup = own
        group = own ?? MultiThreadedEventLoopGroup.singleton
        self.bodyLimit = bodyLimit
        var tls = tls
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: TimeAmount(clamping: connectTimeout))
        configuration.connectionPool = .init(
            idleTimeout: TimeAmount(clamping: idleTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost))
        // A failed connect fails the request at once (the refresh engine has its own backoff).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        self.configuration = configuration
    }

    deinit {
        // A transport dropped without `shutdown()`: its clients still close their connections.
        for client in clients.withLockedValue({ $0.shutDown ? [] : $0.all }) {
            client.shutdown { _ in }
        }
    }

    /// The event loops requests are read and written on.
    public var eventLoops: [any EventLoop] { Array(group.makeIterator()) }

    /// Closes every client and its pooled connections (and the transport's own event loops).
    /// Call once, before the process exits.
    public func shutdown() async {
        let open = clients.withLockedValue { clients in
            clients.shutDown = true
            return clients.all
        }
        for client in open { try? await client.shutdown() }
        try? await ownGroup?.shutdownGracefully()
    }

    public func post(
        url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer? = nil
    ) async throws(TransportError) -> TransportResponse {
        let deadline = NIODeadline.now() + TimeAmount(clamping: timeout)
        let request = try Self.request(url: url, headers: headers, body: body)
        let client = try client(for: proxy)
        // A kept connection found closed before the request head went to it: the request never
        // left, and goes once more on another connection. Never after the head was handed over.
        var attempts = 0
        while true {
            attempts += 1
            let collector = CappedAnswerCollector(headLimit: headLimit, bodyLimit: bodyLimit)
            do {
                // Every target goes through the proxy's CONNECT tunnel, so an answer read here came
                // from the server behind the tunnel (the proxy's own 407 fails the tunnel instead).
                return try await execute(request, on: client, collector: collector, deadline: deadline)
            } catch {
                let sent = collector.requestHeadSent
                if attempts == 1, !sent, Self.closedBeforeUse(error), NIODeadline.now() < deadline {
                    resentUnsent.withLockedValue { $0 += 1 }
                    continue
                }
                throw TransportFailure(
                    timeout: timeout, deadline: deadline, headLimit: headLimit, bodyLimit: bodyLimit, proxy: proxy,
                    requestHeadSent: sent
                ).error(for: error)
            }
        }
    }

    private func execute(
        _ request: HTTPClient.Request, on client: HTTPClient, collector: CappedAnswerCollector, deadline: NIODeadline
    ) async throws -> TransportResponse {
        try Task.checkCancellation()
        let task = client.execute(request: request, delegate: collector, eventLoop: .indifferent, deadline: deadline)
        return try await withTaskCancellationHandler {
            try await task.futureResult.get()
        } onCancel: {
            task.cancel()
        }
    }

    /// The request failed because its connection was already closed when it was handed over.
    private static func closedBeforeUse(_ error: any Error) -> Bool {
        if let channel = error as? ChannelError { return channel == .ioOnClosedChannel }
        return (error as? HTTPClientError) == .remoteConnectionClosed
    }

    /// The client for `proxy` (nil: direct), made on first use.
    private func client(for proxy: ProxyServer?) throws(TransportError) -> HTTPClient {
        let made: HTTPClient? = clients.withLockedValue { clients in
            if clients.shutDown { return nil }
            guard let proxy else {
                if let direct = clients.direct { return direct }
                let direct = HTTPClient(eventLoopGroup: group, configuration: configuration)
                clients.direct = direct
                return direct
            }
            if let known = clients.proxied[proxy] { return known }
            var configuration = self.configuration
            let authorization = proxy.username.map { user in
                HTTPClient.Authorization.basic(username: user, password: proxy.password?.reveal() ?? "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
            let client = HTTPClient(eventLoopGroup: group, configuration: configuration)
            clients.proxied[proxy] = client
            return client
        }
        guard let made else { throw .connection("the HTTP transport is shut down") }
        return made
    }

    /// The POST as AsyncHTTPClient takes it. Header fields are checked here, before anything is
    /// sent: a CR, LF or other control byte in a value could inject fields or a second request.
    static func request(url: URL, headers: [HeaderField], body: [UInt8]) throws(TransportError) -> HTTPClient.Request {
        let scheme = url.scheme?.lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw .connection("unsupported URL scheme '\(scheme ?? "")'; use http or https")
        }
        var fields = HTTPHeaders()
        fields.reserveCapacity(headers.count)
        for field in headers {
            guard HeaderFieldRule.isToken(field.name) else {
                throw .connection("header name '\(field.name.prefix(40))' is not a valid HTTP field name; refused")
            }
            guard field.value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
                throw .connection("header '\(field.name)' holds a line break or control byte; refused")
            }
            // The fields the HTTP client writes itself (a profile may not set them either: `HeaderFieldRule`).
            if HeaderFieldRule.reserved.contains(where: { TransportResponse.sameASCIIIgnoringCase(field.name, $0) }) {
                continue
            }
            fields.add(name: field.name, value: field.value)
        }
        do {
            return try HTTPClient.Request(url: url, method: .POST, headers: fields, body: .bytes(body))
        } catch {
            throw .connection("the URL cannot be requested: \(TransportFailure.firstLine(error))")
        }
    }
}

extension TimeAmount {
    /// `duration` in nanoseconds, clamped to what `TimeAmount` holds (about 292 years).
    init(clamping duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        self = overflow || overflow2 ? .nanoseconds(seconds < 0 ? .min : .max) : .nanoseconds(total)
    }
}
