import Foundation
import TokenModel

/// When a profile held a valid token and when it held none, from its attempts: a success holds
/// its token from when it finished until the token's expiry (or a later success's token takes
/// over); a rejection leaves no usable token (the profile turns `rejected`, which copies and
/// hooks no longer offer); a transient failure changes nothing (the old token, if still valid,
/// stays). Before the first attempt nothing is known, and no span is given.
public enum TokenCoverage {
    /// The spans from the first attempt until `end`, in order, adjacent spans of one kind merged.
    /// `seed` is the token the profile's status holds now (issued, expires), which may predate
    /// the log (a token reused at start): it counts as a success when it was issued.
    public static func spans(
        _ entries: [ProfileHistory.Entry], seed: (issuedAt: Date, expiresAt: Date)? = nil, until end: Date
    ) -> [TokenSpan] {
        var events = entries
        if let seed {
            let synthetic = ProfileHistory.Entry(
                finishedAt: seed.issuedAt, latency: .zero, outcome: .success, expiresAt: seed.expiresAt)
            let position = events.firstIndex { $0.finishedAt > seed.issuedAt } ?? events.count
            events.insert(synthetic, at: position)
        }
        guard let first = events.first, first.finishedAt < end else { return [] }
        var spans: [TokenSpan] = []
        var validUntil: Date?
        var cursor = first.finishedAt
        func add(_ start: Date, _ stop: Date, held: Bool) {
            guard start < stop else { return }
            if let last = spans.last, last.held == held, last.end == start {
                spans[spans.count - 1].end = stop
            } else {
                spans.append(TokenSpan(start: start, end: stop, held: held))
            }
        }
        func fill(to stop: Date) {
            guard cursor < stop else { return }
            if let until = validUntil, until > cursor {
                add(cursor, min(until, stop), held: true)
                if until < stop { add(until, stop, held: false) }
            } else {
                add(cursor, stop, held: false)
            }
            cursor = stop
        }
        for event in events {
            guard event.finishedAt < end else { break }
            fill(to: event.finishedAt)
            switch event.outcome {
            case .success:
                if let expiresAt = event.expiresAt { validUntil = expiresAt }
            case .rejected:
                validUntil = nil
            case .transient:
                break
            }
        }
        fill(to: end)
        return spans
    }
}
