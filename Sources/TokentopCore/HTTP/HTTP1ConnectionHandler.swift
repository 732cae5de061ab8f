import NIOCore

/// Why an exchange on one connection ended without an answer.
enum HTTP1ExchangeError: Error, Sendable {
    case transport(TransportError)
    /// A connection from the pool was found closed before any byte of the answer: nothing reached
    /// the server's application, so the request may go again on a new connection.
    case stale
}

/// One HTTP/1.1 connection's client side: sends one request at a time, reads its answer with
/// `HTTP1ResponseParser`, enforces the request's deadline, and closes the connection when it
/// sat idle for `idleTimeout`. Lives on its channel's event loop; everything here runs there.
final class HTTP1ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Exchange {
        var parser: HTTP1ResponseParser
        var promise: EventLoopPromise<HTTP1ResponseParser.Response>
        var timer: Scheduled<Void>?
        var timeout: Duration
    }

    private let bodyLimit: Int
    private let idleTimeout: TimeAmount
    private let eventLoop: any EventLoop
    /// Nil before the handler is in a pipeline and after the closed channel's pipeline let it go.
    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    private var idleTimer: Scheduled<Void>?
    private var closed = false
    /// The last error the channel reported, for the message when it then closes.
    private var lastError: (any Error)?
    /// Answers completed on this connection (more than zero: it came from the pool).
    private var answered = 0

    init(bodyLimit: Int, idleTimeout: TimeAmount, eventLoop: any EventLoop) {
        self.bodyLimit = bodyLimit
        self.idleTimeout = idleTimeout
        self.eventLoop = eventLoop
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `request` (head and body in one buffer); the future completes with the whole answer.
    func send(_ request: ByteBuffer, deadline: NIODeadline, timeout: Duration) -> EventLoopFuture<HTTP1ResponseParser.Response> {
        guard let context, !closed, exchange == nil else {
            // A kept connection that closed after the pool handed it out: the request goes again.
            let reason = lastError.map(Self.describe) ?? "the connection closed before the request was sent"
            let error: HTTP1ExchangeError = answered > 0 ? .stale : .transport(.connection(reason))
            return eventLoop.makeFailedFuture(error)
        }
        idleTimer?.cancel()
        idleTimer = nil
        let promise = context.eventLoop.makePromise(of: HTTP1ResponseParser.Response.self)
        let timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            fail(.transport(.timedOut(timeout)))
        }
        exchange = Exchange(
            parser: HTTP1ResponseParser(bodyLimit: bodyLimit), promise: promise, timer: timer, timeout: timeout)
        // A failed write closes the channel: `channelInactive` then ends the exchange.
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
        return promise.futureResult
    }

    /// Ends the exchange in progress (the awaiting task was cancelled) and closes the connection.
    func cancel() {
        fail(.transport(.connection("cancelled")))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard var current = exchange else {
            // Bytes nobody asked for: the connection's framing can no longer be trusted.
            context.close(promise: nil)
            return
        }
        do {
            let answer = try current.parser.feed(buffer.readableBytesView)
            exchange = current
            if let answer { complete(answer) }
        } catch {
            exchange = current
            switch error {
            case .bodyTooLarge(let limit): fail(.transport(.bodyTooLarge(limit: limit)))
            default: fail(.transport(.connection(error.description)))
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        lastError = error
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        idleTimer?.cancel()
        idleTimer = nil
        if var current = exchange {
            do {
                if let answer = try current.parser.finish() {
                    exchange = current
                    complete(answer)
                }
            } catch {
                exchange = current
                if !current.parser.started && answered > 0 {
                    fail(.stale)
                } else if let lastError {
                    fail(.transport(.connection(Self.describe(lastError))))
                } else {
                    fail(.transport(.connection(error.description)))
                }
            }
        }
        context.fireChannelInactive()
    }

    private func complete(_ answer: HTTP1ResponseParser.Response) {
        guard let current = exchange else { return }
        exchange = nil
        current.timer?.cancel()
        answered += 1
        if answer.keepAlive, !closed, let context {
            idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: idleTimeout) { [self] in
                idleTimer = nil
                self.context?.close(promise: nil)
            }
        } else {
            context?.close(promise: nil)
        }
        current.promise.succeed(answer)
    }

    private func fail(_ error: HTTP1ExchangeError) {
        guard let current = exchange else { return }
        exchange = nil
        current.timer?.cancel()
        // Whatever was half read stays on the wire: the connection cannot carry another request.
        context?.close(promise: nil)
        current.promise.fail(error)
    }

    /// A one-line description of a lower-level (NIO, TLS, socket) error.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        return String(firstLine.prefix(300))
    }
}
