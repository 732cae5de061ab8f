import Foundation
import TokenModel

/// Gathers the attempts of lines read newest first, until it has `limit` of them or reaches a
/// line that finished before `since`. Pure: lines in, records out. A line that is not an attempt
/// (broken, torn or foreign) is counted in `skipped` and passed over; a blank line is no line.
/// The attempt of a profile not in `profiles` (when given) is passed over without counting: the
/// log is shared by every profiles file, whose lines are not this one's history.
public struct ResultLogTailCollector: Sendable {
    public let since: Date
    public let limit: Int
    /// The profiles whose attempts are kept; nil keeps every profile's.
    public let profiles: Set<String>?
    /// Newest first, as read.
    private var newestFirst: [AttemptRecord] = []
    public private(set) var skipped = 0
    /// Reading further cannot add anything: `limit` reached, or a line older than `since` read
    /// (lines are written in the order their attempts finished, give or take a few overlapping
    /// ones, so what lies before it is older too).
    public private(set) var isDone = false

    public init(since: Date, limit: Int, profiles: Set<String>? = nil) {
        self.since = since
        self.limit = max(0, limit)
        self.profiles = profiles
        isDone = self.limit == 0
    }

    public var count: Int { newestFirst.count }

    /// Takes one line (newline excluded); nothing once `isDone`.
    public mutating func take(_ line: some Collection<UInt8>) {
        guard !isDone else { return }
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") })
        else { return }
        guard let record = ResultLogLineParser.record(from: line) else {
            skipped += 1
            return
        }
        guard record.finishedAt >= since else {
            isDone = true
            return
        }
        // Another profiles file's attempt still marks how far back the reading is (above).
        if let profiles, !profiles.contains(record.profile) { return }
        newestFirst.append(record)
        if newestFirst.count >= limit { isDone = true }
    }

    /// Counts lines that were dropped before they reached `take` (too long to be a line).
    public mutating func skip(_ lines: Int) {
        skipped += lines
    }

    /// What was gathered, oldest first by finish time (the few overlapping attempts written out
    /// of that order put in their place).
    public func history(problems: [String] = []) -> AttemptHistory {
        var records = Array(newestFirst.reversed())
        // Stable: already ordered but for the rare overlap.
        if zip(records, records.dropFirst()).contains(where: { $0.finishedAt > $1.finishedAt }) {
            records = records.enumerated()
                .sorted { ($0.element.finishedAt, $0.offset) < ($1.element.finishedAt, $1.offset) }
                .map(\.element)
        }
        return AttemptHistory(records: records, skipped: skipped, problems: problems)
    }
}
