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
///
/// Another thread may take the descriptor freed for that accept before the reserve is opened
/// again (a token request's socket, a sink write). Then the reserve cannot be reopened: accepting
/// pauses (reads are held back) and the reserve is tried again every `retryInterval` until it
/// opens, so the listener never runs on without one and never spins.
///
/// Sits first on the listener's pipeline, before NIO's `AcceptBackoffHandler`, which keeps the
/// error to itself.
final class AcceptReserve: ChannelDuplexHandler {
    typealias InboundIn = Channel
    typealias InboundOut = Channel
    typealias OutboundIn = Channel
    typealias OutboundOut = Channel

    /// Opens a reserve descriptor: the descriptor, or minus the errno.
    typealias Opener = () -> Int32

    private let listener: Int32
    private let refusal: [UInt8]
    private let openReserve: Opener
    private let retryInterval: TimeAmount
    private var reserve: Int32
    /// The reserve was given up and could not be had again for want of descriptors: accepting
    /// is paused until it is.
    private var starved = false
    /// A read (accept) asked for while paused, passed on once the reserve is back.
    private var readHeld = false
    private var retry: Scheduled<Void>?

    init(
        listener: Int32, refusal: String, retryInterval: TimeAmount = .milliseconds(250),
        open: @escaping Opener = AcceptReserve.openNull
    ) {
        self.listener = listener
        self.refusal = Array((refusal + "\n").utf8)
        self.openReserve = open
        self.retryInterval = retryInterval
        // At start a failure (no /dev/null in a bare chroot) leaves the listener without a
        // reserve, as it was before any was kept, rather than never accepting.
        reserve = max(open(), -1)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? IOError, error.errnoCode == EMFILE || error.errnoCode == ENFILE {
            shedOne(context: context)
        }
        context.fireErrorCaught(error)
    }

    func read(context: ChannelHandlerContext) {
        guard starved else {
            context.read()
            return
        }
        readHeld = true
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        retry?.cancel()
        retry = nil
        if reserve >= 0 { closeDescriptor(reserve) }
        reserve = -1
    }

    /// Whether accepting is paused for want of a reserve (tests).
    var isPaused: Bool { starved }

    private func shedOne(context: ChannelHandlerContext) {
        if reserve >= 0 { closeDescriptor(reserve) }
        reserve = -1
        let accepted = accept(listener, nil, nil)
        // Close-on-exec, so a hook started now does not keep the refused client open.
        if accepted >= 0 { _ = fcntl(accepted, F_SETFD, FD_CLOEXEC) }
        if accepted >= 0 {
            _ = refusal.withUnsafeBytes { send(accepted, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            closeDescriptor(accepted)
        }
        reopen(context: context)
    }

    /// Opens the reserve again; out of descriptors, pauses accepting and tries again later.
    private func reopen(context: ChannelHandlerContext) {
        let opened = openReserve()
        if opened >= 0 {
            reserve = opened
            starved = false
            if readHeld {
                readHeld = false
                context.read()
            }
            return
        }
        guard -opened == EMFILE || -opened == ENFILE else {
            // Not a shortage (the reserve's file is gone): go on without one, as before any was
            // kept, passing on a read held back while an earlier try found no descriptor.
            starved = false
            if readHeld {
                readHeld = false
                context.read()
            }
            return
        }
        starved = true
        guard retry == nil else { return }
        retry = context.eventLoop.assumeIsolated().scheduleTask(in: retryInterval) { [self] in
            retry = nil
            reopen(context: context)
        }
    }

    /// `/dev/null`, close-on-exec: the reserve in production.
    static func openNull() -> Int32 {
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? fd : -errno
    }
}

/// `close(2)`: inside a channel handler the name means the handler's own `close` event.
private func closeDescriptor(_ fd: Int32) {
    close(fd)
}
