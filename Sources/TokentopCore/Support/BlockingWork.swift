import Foundation

/// Runs blocking work (fsync, waiting for a child process) on a thread of its own, so it never
/// holds one of the few threads of Swift's cooperative pool while it waits.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = "tokentop-blocking"
            thread.start()
        }
    }
}
