import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// The real transport: HTTP/1.1 on SwiftNIO, TLS (swift-nio-ssl) with full certificate and host
/// name verification always on, redirects never followed (a POST carrying a secret must not
/// wander to another host), keep-alive connections pooled per origin.
///
/// It replaced AsyncHTTPClient, which tokentop used only for this one kind of request: for
/// 10,000 token requests AsyncHTTPClient's per-request state machines and its separate writes of
/// head and body took most of `tokentop check`'s CPU time (README, "Performance").
public final class HTTPTokenTransport: TokenTransport {
    private let group: any EventLoopGroup
    /// The transport's own event loops, when it was given a thread count; nil for NIO's shared group.
    private let ownGroup: MultiThreadedEventLoopGroup?
    private let pool: HTTP1ConnectionPool
    private let connectTimeout: Duration
    private let bodyLimit: Int
    private let idleTimeout: TimeAmount
    private let tlsConfiguration: TLSConfiguration
    /// Made on the first https request (it reads the system's trust store).
    private let tlsContext = NIOLockedValueBox<NIOSSLContext?>(nil)
    /// URLs already taken apart (one per profile base URL, usually a handful).
    private let endpoints = NIOLockedValueBox<[URL: HTTPEndpoint]>([:])

    /// - Parameters:
    ///   - connectTimeout: how long to wait for a connection (within the request's own timeout).
    ///   - bodyLimit: bodies above this are refused (default 64 KiB).
    ///   - maxConnectionsPerHost: idle connections kept per origin; match it to the refresh concurrency.
    ///   - threads: event-loop threads of a group of its own; nil shares NIO's process-wide group
    ///     (one thread per core). `tokentop check` uses one: see README "Performance".
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
    init(
        connectTimeout: Duration, bodyLimit: Int, maxConnectionsPerHost: Int, threads: Int?, idleTimeout: Duration,
        tls: TLSConfiguration
    ) {
        let own = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0)) }
        ownGroup = own
        group = own ?? MultiThreadedEventLoopGroup.singleton
        pool = HTTP1ConnectionPool(maxIdlePerOrigin: maxConnectionsPerHost)
        self.connectTimeout = connectTimeout
        self.bodyLimit = bodyLimit
        self.idleTimeout = TimeAmount(clamping: idleTimeout)
        var tls = tls
        tls.applicationProtocols = ["http/1.1"]
        tls.minimumTLSVersion = .tlsv12
        tlsConfiguration = tls
    }

    /// The event loops requests are read and written on.
    public var eventLoops: [any EventLoop] { Array(group.makeIterator()) }

    /// Closes pooled connections (and the transport's own event loops). Call once, before the process exits.
    public func shutdown() async {
        let closing = pool.shutDown().map { $0.channel.close() }
        for future in closing { try? await future.get() }
        try? await ownGroup?.shutdownGracefully()
    }

    public func post(
        url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration, proxy: ProxyServer? = nil
    ) async throws(TransportError) -> TransportResponse {
        if proxy != nil { throw .connection("this transport cannot use a proxy") }
        let deadline = NIODeadline.now() + TimeAmount(clamping: timeout)
        let endpoint = try endpoint(for: url)
        let request = try HTTP1Request.post(to: endpoint, headers: headers, body: body, allocator: ByteBufferAllocator())
        // A kept connection found closed before the request went into its socket (`stale`): the
        // request then goes once more, on a new connection. Never after it was written.
        var pooled = pool.take(endpoint.origin)
        while true {
            let connection: HTTP1Connection
            if let reuse = pooled {
                connection = reuse
            } else {
                connection = try await connect(to: endpoint, deadline: deadline, timeout: timeout)
            }
            do {
                let future = connection.send(request, deadline: deadline, timeout: timeout)
                let answer = try await withTaskCancellationHandler {
                    try await future.get()
                } onCancel: {
                    connection.cancel(future)
                }
                if answer.keepAlive { pool.put(connection) }
                return TransportResponse(status: answer.status, headers: answer.headers, body: answer.body)
            } catch HTTP1ExchangeError.stale where pooled != nil {
                pooled = nil
            } catch HTTP1ExchangeError.transport(let error) {
                throw error
            } catch {
                throw .connection(HTTP1ConnectionHandler.describe(error))
            }
        }
    }

    /// Open kept connections to `url`'s origin (tests watch a closed one leave).
    func idleConnections(to url: URL) -> Int {
        (try? endpoint(for: url)).map { pool.idleCount($0.origin) } ?? 0
    }

    private func endpoint(for url: URL) throws(TransportError) -> HTTPEndpoint {
        if let known = endpoints.withLockedValue({ $0[url] }) { return known }
        let endpoint = try HTTPEndpoint(url)
        endpoints.withLockedValue { known in
            if known.count >= 1024 { known.removeAll() }
            known[url] = endpoint
        }
        return endpoint
    }

    private func connect(to endpoint: HTTPEndpoint, deadline: NIODeadline, timeout: Duration) async throws(TransportError)
        -> HTTP1Connection
    {
        let ssl = endpoint.origin.secure ? try sslContext() : nil
        let remaining = deadline - .now()
        let connectLimit = TimeAmount(clamping: connectTimeout)
        let deadlineFirst = remaining < connectLimit
        let bodyLimit = self.bodyLimit
        let idleTimeout = self.idleTimeout
        let origin = endpoint.origin
        let serverName = endpoint.serverName
        // The handler is kept from the moment it is made: looked up in the pipeline after the
        // connect, it could already be gone (a TLS handshake refused at once closes the channel
        // and empties its pipeline), and the answer was NIO's "notFound" instead of the TLS error.
        let made = NIOLockedValueBox<NIOLoopBound<HTTP1ConnectionHandler>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(max(.milliseconds(1), min(remaining, connectLimit)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    let sync = channel.pipeline.syncOperations
                    if let ssl {
                        try sync.addHandler(NIOSSLClientHandler(context: ssl, serverHostname: serverName))
                    }
                    let handler = HTTP1ConnectionHandler(bodyLimit: bodyLimit, idleTimeout: idleTimeout)
                    try sync.addHandler(handler)
                    made.withLockedValue { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let connecting = bootstrap.connect(host: origin.host, port: origin.port).flatMapThrowing { channel in
            guard let handler = made.withLockedValue({ $0 }) else { throw ChannelPipelineError.notFound }
            return HTTP1Connection(channel: channel, handler: handler, origin: origin)
        }
        // Cancelled while connecting: the wait ends now; the connection, if it comes, is closed.
        let waiting = connecting.eventLoop.makePromise(of: HTTP1Connection.self)
        connecting.cascade(to: waiting)
        do {
            let connection = try await withTaskCancellationHandler {
                try await waiting.futureResult.get()
            } onCancel: {
                waiting.fail(CancellationError())
                connecting.whenSuccess { $0.channel.close(promise: nil) }
            }
            // Cancelled just as the connection came: the handler above may be closing it.
            if Task.isCancelled { throw CancellationError() }
            return connection
        } catch is CancellationError {
            throw .connection("cancelled")
        } catch ChannelError.connectTimeout {
            throw deadlineFirst ? .timedOut(timeout) : .connection("could not connect in time (connect timeout)")
        } catch {
            throw .connection(HTTP1ConnectionHandler.describe(error))
        }
    }

    private func sslContext() throws(TransportError) -> NIOSSLContext {
        do {
            return try tlsContext.withLockedValue { context in
                if let context { return context }
                let made = try NIOSSLContext(configuration: tlsConfiguration)
                context = made
                return made
            }
        } catch {
            throw .connection("TLS set-up failed: \(HTTP1ConnectionHandler.describe(error))")
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
