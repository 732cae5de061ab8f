import NIOCore

/// Why an exchange on one connection ended without an answer.
enum HTTP1ExchangeError: Error, Sendable {
    case transport(TransportError)
    /// A connection from the pool was found closed before the request went into its socket: the
    /// server saw nothing, so the request may go again on a new connection. Once written, a POST
    /// is never sent again by the transport (the server may have acted on it).
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
        /// The write failed: the request never left this machine.
        var unsent = false
    }

    typealias Answer = EventLoopFuture<HTTP1ResponseParser.Response>

    private let bodyLimit: Int
    private let idleTimeout: TimeAmount
    /// Nil before the handler is in a pipeline and after the closed channel's pipeline let it go.
    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    private var idleTimer: Scheduled<Void>?
    private var closed = false
    /// The last error the channel reported, for the message when it then closes.
    private var lastError: (any Error)?
    /// Answers completed on this connection (more than zero: it came from the pool).
    private var answered = 0

    init(bodyLimit: Int, idleTimeout: TimeAmount) {
        self.bodyLimit = bodyLimit
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `request` (head and body in one buffer); `promise` completes with the whole answer.
    func send(
        _ request: ByteBuffer, deadline: NIODeadline, timeout: Duration,
        promise: EventLoopPromise<HTTP1ResponseParser.Response>
    ) {
        guard let context, !closed, exchange == nil else {
            // A kept connection that closed after the pool handed it out: the request goes again.
            let reason = lastError.map(Self.describe) ?? "the connection closed before the request was sent"
            let error: HTTP1ExchangeError = answered > 0 ? .stale : .transport(.connection(reason))
            promise.fail(error)
            return
        }
        idleTimer?.cancel()
        idleTimer = nil
        let answer = promise.futureResult
        let timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            fail(.transport(.timedOut(timeout)), of: answer)
        }
        exchange = Exchange(parser: HTTP1ResponseParser(bodyLimit: bodyLimit), promise: promise, timer: timer)
        // A failed write closes the channel: `channelInactive` then ends the exchange (and may
        // send it again when it was a kept connection, since nothing left this machine).
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [self] _ in
            if exchange?.promise.futureResult === answer { exchange?.unsent = true }
        }
        context.writeAndFlush(wrapOutboundOut(request), promise: written)
    }

    /// Ends the exchange `answer` belongs to, if it is still in progress (its task was
    /// cancelled), and closes the connection.
    func cancel(_ answer: Answer) {
        fail(.transport(.connection("cancelled")), of: answer)
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
                // A body read until the close must end in a clean close: after a reset or a TLS
                // unclean shutdown it may have been cut short.
                if let lastError { throw lastError }
                if let answer = try current.parser.finish() {
                    exchange = current
                    complete(answer)
                }
            } catch {
                exchange = current
                if current.unsent && !current.parser.started && answered > 0 {
                    fail(.stale)
                } else if let lastError {
                    fail(.transport(.connection(Self.describe(lastError))))
                } else {
                    fail(.transport(.connection(String(describing: error))))
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

    /// Fails the exchange in progress; with `answer`, only if it is that exchange (a timer or a
    /// cancellation may arrive after its own exchange ended and another began).
    private func fail(_ error: HTTP1ExchangeError, of answer: Answer? = nil) {
        guard let current = exchange else { return }
        if let answer, current.promise.futureResult !== answer { return }
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
