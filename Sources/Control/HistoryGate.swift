import Synchronization

/// Lets one `history` answer through at a time, server-wide, in the order they asked: an answer
/// is read and encoded (up to a few megabytes) by one thread at most, whatever the number of clients
/// asking, so the other requests keep the cooperative pool. A waiter whose task is cancelled
/// (the connection is torn down) leaves the line.
final class HistoryGate: Sendable {
    private struct State {
        var busy = false
        var waiters: [(number: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var taken: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Waits for the gate. True: it is this task's until `release()`; false: cancelled first.
    func acquire() async -> Bool {
        let number = state.withLock { state -> UInt64 in
            state.taken += 1
            return state.taken
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool? in
                    if Task.isCancelled { return false }
                    if !state.busy {
                        state.busy = true
                        return true
                    }
                    state.waiters.append((number, continuation))
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.number == number }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    /// Hands the gate to the next waiter, or opens it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiters.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume(returning: true)
    }
}
