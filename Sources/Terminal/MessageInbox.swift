import Dashboard
import Foundation
import Synchronization
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Messages from other threads (auth events, command results) for the UI thread, plus the
/// wake-up pipe the UI thread polls together with stdin. `post` may be called from anywhere;
/// the UI thread drains. Signal handlers write their signal number to the same pipe; a plain
/// wake-up is the byte 0.
public final class MessageInbox: Sendable {
    private struct Pending: Sendable {
        var messages: [DashboardMsg] = []
        /// Producers waiting for the UI thread to drain (see `post(_:holdingAt:)`).
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let pending = Mutex(Pending())
    /// Texts to put on the operator's clipboard (OSC 52) after the next frame.
    private let clipboard = Mutex<[SecretString]>([])
    /// The end the UI thread polls and reads (non-blocking).
    let readFD: Int32
    /// The end writers (and signal handlers) write to (non-blocking: a full pipe already wakes).
    let writeFD: Int32

    public init() throws(TerminalError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create the wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Queues `message` for the UI thread and wakes it.
    public func post(_ message: DashboardMsg) {
        pending.withLock { $0.messages.append(message) }
        var byte: UInt8 = 0
        _ = write(writeFD, &byte, 1)
    }

    /// Queues `message` like `post`, then waits while `limit` or more messages wait for the UI
    /// thread. A producer faster than the screen (the auth events of a large start-up)
    /// is held back, so its backlog stays in the auth service's mailbox, where statuses are
    /// coalesced, instead of piling up here one full message per event. Cancelling the waiting
    /// task lets it go.
    public func post(_ message: DashboardMsg, holdingAt limit: Int) async {
        post(message)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let wait = pending.withLock { pending in
                    guard pending.messages.count >= limit, !Task.isCancelled else { return false }
                    pending.roomWaiters.append(continuation)
                    return true
                }
                if !wait { continuation.resume() }
            }
        } onCancel: {
            releaseWaiters()
        }
    }

    private func releaseWaiters() {
        let waiters = pending.withLock { pending in
            defer { pending.roomWaiters.removeAll() }
            return pending.roomWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Queues `text` for the operator's clipboard and wakes the UI thread, which writes it to
    /// the terminal as OSC 52 after drawing. The text never goes through `update` or the screen.
    public func postClipboard(_ text: SecretString) {
        clipboard.withLock { $0.append(text) }
        var byte: UInt8 = 0
        _ = write(writeFD, &byte, 1)
    }

    func drainClipboard() -> [SecretString] {
        clipboard.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    /// Everything queued so far, oldest first.
    func drain() -> [DashboardMsg] {
        // Hand the queue over and start a new, empty one. `removeAll(keepingCapacity:)` on the
        // array just returned (so not uniquely referenced) allocated a new buffer as large as
        // the biggest burst so far and kept it for good: 100,000 start-up events of several
        // hundred bytes each.
        let (drained, waiters) = pending.withLock { pending in
            var drained: [DashboardMsg] = []
            swap(&drained, &pending.messages)
            defer { pending.roomWaiters.removeAll() }
            return (drained, pending.roomWaiters)
        }
        for waiter in waiters { waiter.resume() }
        return drained
    }

    /// The bytes waiting on the pipe: 0 for a wake-up, else a signal number.
    func readWakeBytes() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readFD, &buffer, buffer.count)
            if count > 0 {
                result.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return result
    }
}
