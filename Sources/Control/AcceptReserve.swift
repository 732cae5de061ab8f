import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps one descriptor in reserve on a listening socket. When accepting fails because the
/// process (EMFILE) or the system (ENFILE) is out of descriptors, the waiting connection would
/// stay in the backlog and wake the event loop again at once, for ever: instead the reserve is
/// closed, that connection accepted with it, told so in one error line and closed, and the
/// reserve opened again. The backlog drains, so the loop sleeps until a new client comes.
/// Sits first on the listener's pipeline, before NIO's `AcceptBackoffHandler`, which keeps the
/// error to itself.
final class AcceptReserve: ChannelInboundHandler {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    private let listener: Int32
    private let refusal: [UInt8]
    private var reserve: Int32

    init(listener: Int32, refusal: String) {
        self.listener = listener
        self.refusal = Array((refusal + "\n").utf8)
        reserve = Self.openReserve()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? IOError, error.errnoCode == EMFILE || error.errnoCode == ENFILE {
            shedOne()
        }
        context.fireErrorCaught(error)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if reserve >= 0 { close(reserve) }
        reserve = -1
    }

    private func shedOne() {
        if reserve >= 0 { close(reserve) }
        reserve = -1
        let accepted = accept(listener, nil, nil)
        // Close-on-exec, so a hook started now does not keep the refused client open.
        if accepted >= 0 { _ = fcntl(accepted, F_SETFD, FD_CLOEXEC) }
        if accepted >= 0 {
            _ = refusal.withUnsafeBytes { send(accepted, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            close(accepted)
        }
        reserve = Self.openReserve()
    }

    private static func openReserve() -> Int32 {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
    }
}
