import Foundation
import TokenModel

/// What one column of a profile's timeline row shows.
public enum TimelineMark: Sendable, Equatable {
    /// Nothing known yet (before the profile's first attempt).
    case unknown
    /// A valid token the whole column long.
    case held
    /// No valid token for some of the column: a gap shows even when it is shorter than a column.
    case gap
    /// An attempt finished in this column; the worst outcome when several did.
    case attempt(AttemptOutcome)

    /// Which mark a column shows when several apply: failures first, then a stretch without a
    /// token (a success tick must not hide a gap when a column spans many minutes), then
    /// successes, then a held token.
    var rank: Int {
        switch self {
        case .unknown: 0
        case .held: 1
        case .attempt(.success): 2
        case .gap: 3
        case .attempt(.transient): 4
        case .attempt(.rejected): 5
        }
    }

    /// Marks for the columns of `scale`, from a profile's attempts (and the token it holds now).
    /// Known up to `now` (default: the end of the last column): a token expiring later in the
    /// current column is not shown as gone before it is. So the row changes when the column
    /// moves or something happens (an attempt, an expiry), never merely because a second passed.
    public static func row(
        _ history: ProfileHistory, seed: (issuedAt: Date, expiresAt: Date)? = nil, scale: TimelineScale,
        now: Date? = nil
    ) -> [TimelineMark] {
        let entries = history.entries
        var marks = [TimelineMark](repeating: .unknown, count: scale.columns)
        let known = min(scale.end, now ?? scale.end)
        for span in TokenCoverage.spans(entries, seed: seed, until: known) where span.end > scale.start {
            guard let first = scale.column(of: max(span.start, scale.start)) else { continue }
            // The last column the span reaches into (its end is exclusive).
            let last = scale.column(of: span.end.addingTimeInterval(-0.001)) ?? scale.columns - 1
            guard first <= last else { continue }
            for column in first...last {
                if !span.held {
                    marks[column] = .gap
                } else if marks[column] == .unknown {
                    marks[column] = .held
                }
            }
        }
        for entry in entries[history.firstIndex(notBefore: scale.start)...] {
            guard let column = scale.column(of: entry.finishedAt) else { continue }
            let tick = TimelineMark.attempt(entry.outcome)
            if tick.rank > marks[column].rank { marks[column] = tick }
        }
        return marks
    }
}
