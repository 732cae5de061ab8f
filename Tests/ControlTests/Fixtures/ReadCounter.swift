import NIOCore

/// Counts the reads (accepts) that reach the listener's end of the pipeline.
final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Channel
    private(set) var count = 0

    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}
