import DequeModule
import Foundation
import Synchronization

/// Runs blocking work (fsync, waiting for a child process) on a thread of its own, so it never
/// holds one of the few threads of Swift's cooperative pool while it waits.
///
/// At most `limit` such threads run at once; further callers wait (suspended, holding no thread)
/// for a free one, so 10,000 profiles with slow `onRefresh` hooks never mean 10,000 threads.
public enum BlockingWork {
    public static let limit = 16

    private struct Gate {
        var running = 0
        var waiting = Deque<CheckedContinuation<Void, Never>>()
    }

    private static let gate = Mutex(Gate())

    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await acquire()
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let value = body()
                release()
                continuation.resume(returning: value)
            }
            thread.name = "tokentop-blocking"
            thread.start()
        }
    }

    /// Runs `body`, asynchronous work that keeps something outside busy (an `onRefresh` command),
    /// within the same limit: at most `limit` of these and of `run`'s jobs at once. Waiting for a
    /// slot, or for `body`, holds no thread.
    public static func limited<T: Sendable>(_ body: () async -> T) async -> T {
        await acquire()
        let value = await body()
        release()
        return value
    }

    /// Threads running now (for tests).
    static var running: Int { gate.withLock { $0.running } }

    private static func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = gate.withLock { gate in
                if gate.running < limit {
                    gate.running += 1
                    return true
                }
                gate.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the slot to the next waiter, or frees it.
    private static func release() {
        let next = gate.withLock { gate -> CheckedContinuation<Void, Never>? in
            if let next = gate.waiting.popFirst() { return next }
            gate.running -= 1
            return nil
        }
        next?.resume()
    }
}
