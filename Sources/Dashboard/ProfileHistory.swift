import Foundation
import TokenModel

/// One profile's attempts from the dashboard's log, oldest first, reduced to what the plots need
/// (the sparkline in the detail pane and the timeline). Built for every profile in one pass over
/// the log, and only when the log changed (`ProfileHistoryCache`).
public struct ProfileHistory: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var finishedAt: Date
        public var latency: Duration
        public var outcome: AttemptOutcome
        /// The token's expiry on our clock, for a success that brought one.
        public var expiresAt: Date?

        public init(finishedAt: Date, latency: Duration, outcome: AttemptOutcome, expiresAt: Date? = nil) {
            self.finishedAt = finishedAt
            self.latency = latency
            self.outcome = outcome
            self.expiresAt = expiresAt
        }

        init(_ record: AttemptRecord) {
            self.init(
                finishedAt: record.finishedAt, latency: record.latency, outcome: record.outcome,
                expiresAt: record.outcome == .success ? record.expiresAt : nil)
        }
    }

    /// Ordered by `finishedAt`, as the log is.
    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// Every profile's history, from records ordered by when they finished.
    static func grouped(_ records: [AttemptRecord]) -> [String: ProfileHistory] {
        var histories: [String: ProfileHistory] = [:]
        for record in records { histories[record.profile, default: ProfileHistory()].entries.append(Entry(record)) }
        return histories
    }

    /// Attempts that finished in `(since, until]`, and how many of them succeeded. Found by
    /// binary search: the entries are ordered.
    public func successes(since: Date, until: Date) -> (succeeded: Int, total: Int) {
        let first = firstIndex(after: since)
        let end = firstIndex(after: until)
        guard first < end else { return (0, 0) }
        let succeeded = entries[first..<end].reduce(0) { $0 + ($1.outcome == .success ? 1 : 0) }
        return (succeeded, end - first)
    }

    /// The first entry that finished after `date` (`entries.count` if none).
    func firstIndex(after date: Date) -> Int {
        partition { $0.finishedAt <= date }
    }

    /// The first entry that finished at `date` or later (`entries.count` if none).
    func firstIndex(notBefore date: Date) -> Int {
        partition { $0.finishedAt < date }
    }

    /// The first entry for which `isEarlier` is false; the entries are ordered, so by halving.
    private func partition(_ isEarlier: (Entry) -> Bool) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if isEarlier(entries[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
