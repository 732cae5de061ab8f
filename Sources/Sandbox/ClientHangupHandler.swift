import NIOCore

/// Sits in each connection's pipeline and raises `signal` when the client closes its side of the
/// connection (or the connection goes away), so a request the sandbox is holding (latency, hang)
/// can stop waiting for a client that has already given up.
///
/// It never reads or changes the HTTP parts passing through; it only watches channel events.
final class ClientHangupHandler: ChannelInboundHandler, RemovableChannelHandler {
    // Reads pass through untouched (the default `channelRead` forwards them), so no type is unwrapped.
    typealias InboundIn = NIOAny

    let signal = OneShotSignal()

    init() {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            signal.raise()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        signal.raise()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        signal.raise()
    }

    /// The hang-up signal of the connection `channel`, or nil when the handler is not installed.
    static func signal(of channel: any Channel) async -> OneShotSignal? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ClientHangupHandler.self).signal
        }.get()
    }
}

@available(*, unavailable)
extension ClientHangupHandler: Sendable {}
