import NIOCore

/// One open connection and its handler, as the pool holds it. Sendable: the handler is reached
/// only on the channel's event loop (`NIOLoopBound` checks that).
struct HTTP1Connection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<HTTP1ConnectionHandler>
    let origin: HTTPEndpoint.Origin

    /// Sends one request; completes with the whole answer, on the channel's event loop.
    func send(_ request: ByteBuffer, deadline: NIODeadline, timeout: Duration)
        -> EventLoopFuture<HTTP1ResponseParser.Response>
    {
        if channel.eventLoop.inEventLoop {
            return handler.value.send(request, deadline: deadline, timeout: timeout)
        }
        let handler = self.handler
        return channel.eventLoop.flatSubmit { handler.value.send(request, deadline: deadline, timeout: timeout) }
    }

    /// Fails the exchange in progress with "cancelled" and closes the connection.
    func cancel() {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.cancel() }
    }
}
