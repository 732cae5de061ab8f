import NIOCore

/// One open connection and its handler, as the pool holds it. Sendable: the handler is reached
/// only on the channel's event loop (`NIOLoopBound` checks that).
struct HTTP1Connection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<HTTP1ConnectionHandler>
    let origin: HTTPEndpoint.Origin

    /// Sends one request; completes with the whole answer, on the channel's event loop. The
    /// future is also the exchange's identity for `cancel`.
    func send(_ request: ByteBuffer, deadline: NIODeadline, timeout: Duration) -> HTTP1ConnectionHandler.Answer {
        let promise = channel.eventLoop.makePromise(of: HTTP1ResponseParser.Response.self)
        if channel.eventLoop.inEventLoop {
            handler.value.send(request, deadline: deadline, timeout: timeout, promise: promise)
        } else {
            let handler = self.handler
            channel.eventLoop.execute {
                handler.value.send(request, deadline: deadline, timeout: timeout, promise: promise)
            }
        }
        return promise.futureResult
    }

    /// Fails the exchange `answer` belongs to with "cancelled" (if still in progress) and closes the connection.
    func cancel(_ answer: HTTP1ConnectionHandler.Answer) {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.cancel(answer) }
    }
}
