import Synchronization

/// Counts the requests of one connection being answered. The connection's reader takes a slot
/// before it starts a request (waiting while all are taken) and each request gives its slot
/// back when its reply is queued. Waiting ends early when the waiting task is cancelled.
final class RequestSlots: Sendable {
    private struct State {
        var free: Int
        var capacity: Int
        /// The reader, waiting for a free slot (`idle == false`) or for every slot (`true`).
        var waiter: (continuation: CheckedContinuation<Void, Never>, idle: Bool)?
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(free: capacity, capacity: capacity, waiter: nil))
    }

    /// Takes a slot, waiting for one. Returns false when cancelled first (no slot taken).
    func acquire() async -> Bool {
        await wait(idle: false)
        return state.withLock { state in
            guard !Task.isCancelled, state.free > 0 else { return false }
            state.free -= 1
            return true
        }
    }

    /// Takes a slot when one is free, without waiting.
    func tryAcquire() -> Bool {
        state.withLock { state in
            guard state.free > 0 else { return false }
            state.free -= 1
            return true
        }
    }

    /// Returns when no request is being answered (or the task is cancelled).
    func waitUntilIdle() async {
        await wait(idle: true)
    }

    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.free += 1
            guard let waiter = state.waiter, Self.ready(state, idle: waiter.idle) else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    private static func ready(_ state: State, idle: Bool) -> Bool {
        idle ? state.free == state.capacity : state.free > 0
    }

    private func wait(idle: Bool) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if Task.isCancelled || Self.ready(state, idle: idle) { return true }
                    state.waiter = (continuation, idle)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter?.continuation
            }
            waiter?.resume()
        }
    }
}
