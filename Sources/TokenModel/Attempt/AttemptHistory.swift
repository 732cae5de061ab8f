import Foundation

/// Attempts that finished before now, read back for a screen that just started: from the result
/// log's tail (`ResultLogTail`) or from the refresher over the control socket. Oldest first, in
/// the order they finished. Never holds a token: records carry fingerprints only.
public struct AttemptHistory: Sendable, Equatable {
    /// At most this many attempts are read back.
    public static let maximumAttempts = 10_000
    /// And none older than this.
    public static let maximumAge: Duration = .seconds(24 * 3600)

    /// Oldest first, by finish time.
    public var records: [AttemptRecord]
    /// Lines that could not be read as an attempt (broken, torn or foreign) and were left out.
    public var skipped: Int
    /// Files that were refused or could not be read, in words for the operator (a symlink, a
    /// file of another user); history from the other files is still there.
    public var problems: [String]

    public init(records: [AttemptRecord] = [], skipped: Int = 0, problems: [String] = []) {
        self.records = records
        self.skipped = skipped
        self.problems = problems
    }

    /// The oldest finish time `since` allows at `now`, and the bounded number `limit` asks for.
    public static func bounds(now: Date, since: Date?, limit: Int?) -> (since: Date, limit: Int) {
        let earliest = now.addingTimeInterval(-maximumAge.seconds)
        let start = max(since ?? earliest, earliest)
        let count = min(max(0, limit ?? maximumAttempts), maximumAttempts)
        return (start, count)
    }
}
