import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waiting in the end-to-end tests. Swift Testing runs test functions on the cooperative pool,
/// which has as many threads as cores (two on the CI machine): a test that blocks a thread in
/// `usleep` for seconds starves every async suite running beside it. So every wait here sleeps
/// with `Task.sleep`, and what must block (reaping a child) runs on a thread of its own.
enum AsyncWait {
    /// Checks `condition` every `interval` until it holds or `limit` seconds pass; false when it
    /// never held (checked once more at the deadline).
    static func until(
        limit: TimeInterval, every interval: Duration = .milliseconds(50), _ condition: () throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(limit * 1000)))
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: interval)
        }
        return try condition()
    }

    /// Waits (at most `limit` seconds) for `process` to end; false when it still runs.
    static func exit(of process: Process, limit: TimeInterval) async throws -> Bool {
        try await until(limit: limit, every: .milliseconds(10)) { !process.isRunning }
    }

    /// Ends `process` without holding the caller: SIGINT (or `first`) now; then, on a thread of
    /// its own, SIGTERM after `grace` seconds, SIGKILL after as many again, and the reaping.
    /// For `defer` blocks, which cannot await.
    static func stopInBackground(_ process: Process, first: Int32 = SIGINT, grace: TimeInterval = 10) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, first)
        Thread.detachNewThread {
            for signal in [SIGTERM, SIGKILL] {
                let deadline = Date().addingTimeInterval(grace)
                while process.isRunning && Date() < deadline { usleep(10_000) }
                if !process.isRunning { return }
                kill(pid, signal)
            }
            process.waitUntilExit()
        }
    }

    /// Ends `process` and waits for it: SIGINT (or `first`), SIGTERM after `grace` seconds,
    /// SIGKILL after as many again. Returns its termination status.
    @discardableResult
    static func stop(_ process: Process, first: Int32 = SIGINT, grace: TimeInterval = 10) async throws -> Int32 {
        let pid = process.processIdentifier
        for signal in [first, SIGTERM, SIGKILL] {
            if !process.isRunning { break }
            kill(pid, signal)
            if try await exit(of: process, limit: grace) { break }
        }
        guard !process.isRunning else { throw TestFailure("pid \(pid) survived SIGKILL") }
        return process.terminationStatus
    }
}
