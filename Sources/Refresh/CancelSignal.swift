import Synchronization
import TokenModel

/// A one-shot signal that cancels the operations racing it, from any thread.
///
/// A task-group child is cancelled only with its whole group (or its parent); this lets the
/// refresh service cancel some children (requests in flight, a replaced timer) while others (sink
/// deliveries) run to their end.
final class CancelSignal: Sendable {
    private struct State {
        var fired = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    init() {}

    var isFired: Bool { state.withLock { $0.fired } }

    /// Fires the signal: every current and future `wait()` returns.
    func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the signal fired, or the calling task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if state.fired || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Runs `operation` until it returns; if the signal fires first, cancels it and still returns
    /// what it returns then (a cancelled request still yields its record).
    func race<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        await withTaskGroup(of: Racer<T>.self) { group in
            group.addTask { .finished(await operation()) }
            group.addTask {
                await self.wait()
                return .signalled
            }
            while let next = await group.next() {
                group.cancelAll()
                if case .finished(let value) = next { return value }
            }
            preconditionFailure("the operation's child always finishes with a value")
        }
    }

    private enum Racer<T: Sendable>: Sendable {
        case finished(T)
        case signalled
    }
}
