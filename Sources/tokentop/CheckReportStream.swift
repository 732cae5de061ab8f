import Dispatch
import Foundation
import Synchronization
import TokentopCore

/// `tokentop check --json`'s array, printed while the requests run: each result as soon as every
/// result before it is in (the array keeps the profiles' order), the same bytes
/// `CheckReport.json` would print at the end. Built and written on a queue of its own, so a slow
/// terminal never holds up a request; `finish()` writes the rest and closes the array.
/// `remainingSeconds` is counted when each entry is written.
final class CheckReportStream: Sendable {
    private struct State {
        var pending = ""
        var entries = 0
    }

    /// Pending text is written once it reaches this many bytes (and at the end).
    static let chunkBytes = 64 * 1024

    private let queue = DispatchQueue(label: "tokentop.check.report")
    private let state = Mutex(State())

    func add(_ result: CheckResult) {
        queue.async { [self] in
            state.withLock { state in
                state.pending += state.entries == 0 ? "[\n" : ",\n"
                CheckReport.jsonEntry(result, now: Date(), into: &state.pending)
                state.entries += 1
                if state.pending.utf8.count >= Self.chunkBytes {
                    Console.out(state.pending)
                    state.pending = ""
                }
            }
        }
    }

    /// Writes what is left and the array's end; returns once it is written.
    func finish() {
        queue.sync {
            state.withLock { state in
                if state.entries == 0 { state.pending += "[\n" }
                state.pending += "\n]\n"
                Console.out(state.pending)
                state.pending = ""
            }
        }
    }
}
