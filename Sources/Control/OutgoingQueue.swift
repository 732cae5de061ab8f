import Synchronization

/// The lines waiting to be written to one connection, in order, bounded by count and by bytes,
/// its own and its share of the server's `ConnectionBudget`. Once a line would pass either bound the queue refuses every line after it and `overflow`
/// says why: the connection is then closed, never buffered without end.
final class OutgoingQueue: Sendable {
    private struct State {
        var lines = 0
        var bytes = 0
        var overflow: String?
    }

    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let limits: ControlLimits
    private let budget: ConnectionBudget
    private let state = Mutex(State())

    init(limits: ControlLimits, budget: ConnectionBudget) {
        self.limits = limits
        self.budget = budget
        (lines, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
    }

    /// Queues `line` (no newline); false when the connection is over its bounds or finished.
    func enqueue(_ line: String) -> Bool {
        let size = line.utf8.count + 1
        let accepted = state.withLock { state -> Bool in
            guard state.overflow == nil else { return false }
            if state.lines + 1 > limits.queuedLines {
                state.overflow = "it let \(limits.queuedLines) lines wait unread"
                return false
            }
            if state.bytes + size > limits.queuedBytes {
                state.overflow = "it let more than \(limits.queuedBytes) bytes wait unread (\(state.bytes) queued, \(size) more)"
                return false
            }
            if let reason = budget.reserve(size, held: state.bytes) {
                state.overflow = reason
                return false
            }
            state.lines += 1
            state.bytes += size
            return true
        }
        guard accepted else {
            continuation.finish()
            return false
        }
        if case .enqueued = continuation.yield(line) { return true }
        return false
    }

    /// `line` has been handed to the socket: it no longer counts.
    func written(_ line: String) {
        let size = line.utf8.count + 1
        let counted = state.withLock { state -> Bool in
            guard state.bytes >= size else { return false }
            state.lines -= 1
            state.bytes -= size
            return true
        }
        if counted { budget.release(size) }
    }

    /// The connection is over: what still waits no longer counts against the shared budget.
    func discard() {
        let held = state.withLock { state -> Int in
            defer { state.lines = 0; state.bytes = 0 }
            return state.bytes
        }
        budget.release(held)
    }

    /// No more lines: the writer ends after the queued ones.
    func finish() { continuation.finish() }

    /// Why lines were refused, once the bounds were passed.
    var overflow: String? { state.withLock { $0.overflow } }
}
