import Synchronization

/// The lines waiting to be written to one connection, in order, bounded by count and by bytes,
/// and counted in the server's `ConnectionBudget` shared by all connections. Once a line would
/// pass a bound the queue refuses every line after it and `overflow` says why: the connection is
/// then closed, never buffered without end.
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
        var evictions: [@Sendable () -> Void] = []
        let accepted = state.withLock { state -> Bool in
            guard state.overflow == nil else { return false }
            if state.lines + 1 > limits.queuedLines {
                state.overflow = "it let \(limits.queuedLines) lines wait unread"
                return false
            }
            if state.bytes + size > limits.queuedBytes {
                state.overflow =
                    "it let more than \(limits.queuedBytes) bytes wait unread (\(state.bytes) queued, \(size) more)"
                return false
            }
            let (refused, evict) = budget.reserve(size, for: self)
            evictions = evict
            if let refused {
                state.overflow = refused
                return false
            }
            state.lines += 1
            state.bytes += size
            return true
        }
        // Other connections that held the most let go, outside this queue's lock.
        for eviction in evictions { eviction() }
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
        if counted { budget.release(size, for: self) }
    }

    /// The connection is over: what still waits no longer counts against the shared budget.
    func discard() {
        state.withLock { state in
            state.lines = 0
            state.bytes = 0
        }
        budget.unregister(self)
    }

    /// The server let this connection go to make room for the others: no more lines.
    func evict(_ reason: String) {
        state.withLock { state in
            if state.overflow == nil { state.overflow = reason }
        }
        continuation.finish()
    }

    /// No more lines: the writer ends after the queued ones.
    func finish() { continuation.finish() }

    /// Why lines were refused, once the bounds were passed.
    var overflow: String? { state.withLock { $0.overflow } }
}
