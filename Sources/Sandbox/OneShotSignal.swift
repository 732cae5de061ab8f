import Foundation

/// A flag raised once that wakes every task waiting for it; waiting is cancellable.
///
/// Used for "the server is stopping" and "this client has gone away".
// @unchecked Sendable: all mutable state (`raised`, `waiters`, `nextID`) is read and written only
// while holding `lock`, and continuations are resumed outside the lock exactly once (a waiter is
// removed from `waiters` under the lock by whichever of raise/cancel gets to it first).
final class OneShotSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextID: UInt64 = 0

    init() {}

    var isRaised: Bool { locked { raised } }

    /// Raises the flag and wakes all waiters. Later calls do nothing.
    func raise() {
        let woken = locked { () -> [CheckedContinuation<Void, Never>] in
            guard !raised else { return [] }
            raised = true
            defer { waiters = [:] }
            return Array(waiters.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once the flag is raised, or at once when the calling task is cancelled.
    func wait() async {
        let id = locked { () -> UInt64 in
            nextID += 1
            return nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = locked { () -> Bool in
                    if raised || Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            locked { waiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

extension OneShotSignal {
    /// Waits for the flag at most `limit`; true when it was raised in time.
    func wait(atMost limit: Duration) async -> Bool {
        if isRaised { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.wait()
                return self.isRaised
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return self.isRaised
            }
            let first = await group.next() ?? isRaised
            group.cancelAll()
            return first
        }
    }
}
