import Synchronization

/// Result-log lines gathered for a short while and written together: `tokentop check` sends
/// thousands of requests a second, and a `write(2)` plus two `stat`s for every line would cost
/// more than the requests themselves. A line waits at most `interval` (the caller runs
/// `flushEvery`) or until `maxBytes` are pending; `flush()` writes what is left.
/// The daemon and the dashboard keep writing each line as it comes (`ResultLog.append`).
public final class ResultLogBatch: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        var lineEnds: [Int] = []
    }

    public let log: ResultLog
    public let maxBytes: Int
    private let pending = Mutex(Pending())

    public init(log: ResultLog, maxBytes: Int = 256 * 1024) {
        self.log = log
        self.maxBytes = maxBytes
    }

    /// Adds one entry's line; writes the batch at once when it has grown past `maxBytes`.
    /// (Written under the lock, so batches reach the file in the order their lines came.)
    public func append(_ entry: ResultLogEntry) {
        let line = entry.jsonBytes
        pending.withLock { pending in
            pending.bytes.append(contentsOf: line)
            pending.bytes.append(UInt8(ascii: "\n"))
            pending.lineEnds.append(pending.bytes.count)
            if pending.bytes.count >= maxBytes { write(&pending) }
        }
    }

    /// Writes every pending line now.
    public func flush() {
        pending.withLock { write(&$0) }
    }

    private func write(_ pending: inout Pending) {
        guard !pending.lineEnds.isEmpty else { return }
        log.write(lines: pending.bytes, lineEnds: pending.lineEnds)
        pending.bytes.removeAll(keepingCapacity: true)
        pending.lineEnds.removeAll(keepingCapacity: true)
    }

    /// Flushes every `interval` until cancelled (run it beside the requests; flush once more after).
    public func flushEvery(_ interval: Duration) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            flush()
        }
    }
}
