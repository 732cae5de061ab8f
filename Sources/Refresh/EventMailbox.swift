import DequeModule
import Foundation
import Synchronization
import TokenModel

/// One follower's pending auth events: what `AuthService.events()` reads from.
///
/// An `AsyncStream` with `.unbounded` buffering would keep every event of a follower that fell
/// behind (a start-up burst: several events per profile, each as large as a whole
/// `ProfileStatus`). Here the pending events are compact, and once the
/// follower is more than `coalesceAfter` entries behind, a profile's new `stateChanged` replaces
/// its pending one: a status is a snapshot, so only the newest matters. Every other event
/// (attempts started and finished, sink reports, reloads) is kept and delivered in order, and a
/// coalesced status is delivered after every event queued before its newest value, so a
/// follower never sees a status older than the events it has already seen. Below the threshold
/// every event is delivered as it was sent.
///
/// One consumer at a time (the stream's iterator); any number of producers.
final class EventMailbox: Sendable {
    /// A pending event, kept small: the queue holds one per event of a burst.
    private enum Entry: Sendable {
        /// A coalesced status: the profile's pending one, if `sequence` is still its newest (else
        /// skipped). Below the threshold a status is queued whole, as `.other`.
        case status(name: String, sequence: Int)
        case started(profile: String, trigger: AttemptTrigger, at: Date)
        case finished(AttemptRecordBox)
        case other(EventBox)
    }

    private final class EventBox: Sendable {
        let event: AuthEvent
        init(_ event: AuthEvent) { self.event = event }
    }

    private struct State: Sendable {
        var queue = Deque<Entry>()
        /// The newest pending status per profile, and the sequence number of its queue entry.
        var statuses: [String: (sequence: Int, status: ProfileStatus)] = [:]
        /// Queue entries whose status was replaced by a newer one (skipped when reached).
        var stale = 0
        var nextSequence = 0
        /// The most entries queued since the buffer was last dropped.
        var high = 0
        var waiter: CheckedContinuation<AuthEvent?, Never>?
        var finished = false
        var cancelled = false
    }

    /// How many entries may wait before statuses are coalesced.
    let coalesceAfter: Int
    private let state = Mutex(State())

    init(coalesceAfter: Int = 256) {
        self.coalesceAfter = max(0, coalesceAfter)
    }

    /// Events waiting to be read (coalesced statuses count once).
    var pendingCount: Int { state.withLock { $0.queue.count - $0.stale } }

    /// Entries the queue holds, skipped ones included (what it costs in memory).
    var storedEntries: Int { state.withLock { $0.queue.count } }

    /// False once the consumer has gone (cancelled): the producer may drop this mailbox.
    var isOpen: Bool { state.withLock { !$0.cancelled } }

    /// Queues `event` (or hands it to a waiting consumer). Returns false when the consumer is gone.
    @discardableResult
    func post(_ event: AuthEvent) -> Bool {
        let (waiter, open): (CheckedContinuation<AuthEvent?, Never>?, Bool) = state.withLock { state in
            guard !state.finished else { return (nil, !state.cancelled) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, true)
            }
            Self.enqueue(event, into: &state, coalesceAfter: coalesceAfter)
            return (nil, true)
        }
        waiter?.resume(returning: event)
        return open
    }

    /// No more events: the consumer reads what is queued, then the end.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The consumer stopped (its task was cancelled): drop everything.
    func cancel() {
        let waiter = state.withLock { state in
            state.finished = true
            state.cancelled = true
            state.queue.removeAll()
            state.statuses.removeAll()
            state.stale = 0
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next event, waiting for one; nil once finished (or cancelled) and drained.
    func next() async -> AuthEvent? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AuthEvent?, Never>) in
                let ready: AuthEvent?? = state.withLock { state in
                    if let event = Self.dequeue(from: &state) { return .some(event) }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// An `AsyncStream` reading this mailbox; cancelling its consumer cancels the mailbox.
    func stream() -> AsyncStream<AuthEvent> {
        AsyncStream(unfolding: { [self] in await next() }, onCancel: { [self] in cancel() })
    }

    // MARK: Queue

    private static func enqueue(_ event: AuthEvent, into state: inout State, coalesceAfter: Int) {
        switch event {
        case .stateChanged(let status):
            // An expiry is never replaced: the daemon writes a journal line for it, and the
            // dashboard's notice depends on seeing it. It is rare (one per expired token).
            guard state.queue.count - state.stale >= coalesceAfter, status.state != .expired else {
                state.queue.append(.other(EventBox(event)))
                break
            }
            // Behind: the newest status replaces the profile's pending one and goes after
            // everything queued so far. The old entry stays in the queue until reached, then is
            // skipped (or dropped by a compaction).
            let sequence = state.nextSequence
            state.nextSequence += 1
            if state.statuses[status.name] != nil { state.stale += 1 }
            state.statuses[status.name] = (sequence, status)
            state.queue.append(.status(name: status.name, sequence: sequence))
            compactIfMostlyStale(&state)
        case .attemptStarted(let profile, let trigger, let at):
            state.queue.append(.started(profile: profile, trigger: trigger, at: at))
        case .attemptFinished(let record):
            state.queue.append(.finished(AttemptRecordBox(record)))
        case .sinkWritten, .reloaded:
            state.queue.append(.other(EventBox(event)))
        }
        state.high = max(state.high, state.queue.count)
    }

    private static func dequeue(from state: inout State) -> AuthEvent? {
        while let entry = state.queue.popFirst() {
            switch entry {
            case .status(let name, let sequence):
                guard let pending = state.statuses[name], pending.sequence == sequence else {
                    state.stale -= 1
                    continue
                }
                state.statuses[name] = nil
                return .stateChanged(pending.status)
            case .started(let profile, let trigger, let at):
                return .attemptStarted(profile: profile, trigger: trigger, at: at)
            case .finished(let box):
                return .attemptFinished(box.record)
            case .other(let box):
                return box.event
            }
        }
        // Empty: drop the buffer of a burst so it does not keep its peak size.
        if state.high > 1024 {
            state.queue = Deque()
            // Empty too by now (every pending status was delivered or replaced), but a dictionary
            // keeps its capacity when entries are removed: a 100k burst's table would stay.
            state.statuses = [:]
            state.high = 0
        }
        return nil
    }

    /// Drops skipped entries once they are most of the queue (amortised: at most one pass per
    /// as many posts as the queue holds).
    private static func compactIfMostlyStale(_ state: inout State) {
        guard state.stale > 64, state.stale * 2 > state.queue.count else { return }
        let statuses = state.statuses
        var kept = Deque<Entry>()
        kept.reserveCapacity(state.queue.count - state.stale)
        for entry in state.queue {
            if case .status(let name, let sequence) = entry, statuses[name]?.sequence != sequence { continue }
            kept.append(entry)
        }
        state.queue = kept
        state.stale = 0
    }
}
