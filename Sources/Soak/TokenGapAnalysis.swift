import Foundation

/// Token gaps, as the issue defines them: moments when a profile held no valid token although
/// the token server had answered it successfully in that profile's refresh window.
///
/// Precisely, with `margin` tokentop's 10 s expiry margin and `tolerance` slack for the time a
/// state change takes to show:
/// - **Gap sample**: a `StateSample` whose state holds no valid token (not `valid`, `refreshing`
///   or `stale`) while the result log already holds a success, received at least `tolerance`
///   before the sample, whose token is still valid (`expiresAt - margin`) `tolerance` after it.
///   A success answered by the server is the only way a profile gets a token, so this is
///   "answered successfully, yet not holding it". Gap seconds add up the time from each gap
///   sample to that profile's next sample.
/// - **Unreceived successes**: tokens the server issued (its own count) that no success line
///   records: answers lost between server and daemon, each a gap by the same definition. The
///   exception is a request the daemon cancelled because it was told to stop (its line ends at
///   or after `stoppedAt` without success): the server may still issue after its latency, to a
///   client that has hung up. Those are counted in `cutOffAtStop` instead.
/// - **False valid samples**: the opposite disagreement, a state claiming a valid token while
///   the log's newest token is already past its margin (by `tolerance`) or none came yet.
/// - **Windows with no success** (not gaps by the issue's definition): from the result log alone,
///   the spans after a token's server expiry until the next success arrived. With half the
///   answers failing, a refresh window sometimes sees no success at all; these are reported,
///   not failed.
public struct TokenGapAnalysis: Sendable, Equatable {
    public var samplesJudged = 0
    public var gapSamples = 0
    public var gapSeconds = 0.0
    public var unreceivedSuccesses = 0
    public var cutOffAtStop = 0
    public var falseValidSamples = 0
    public var noSuccessWindows = 0
    public var noSuccessSeconds = 0.0
    public var longestNoSuccessSeconds = 0.0
    /// The longest window with no success: profile, attempts in it and the waits between them.
    public var longestNoSuccess: String?
    /// A few gap or disagreement samples, for the report.
    public var examples: [String] = []

    /// - Parameters:
    ///   - attempts: result-log attempts by profile.
    ///   - samples: the daemon's states over the run.
    ///   - issued: tokens the server issued, by profile (nil when unknown, e.g. a test clock run
    ///     whose transport is the only server).
    ///   - end: when the run ended (a token expired before it and never replaced counts to here).
    ///   - stoppedAt: when the daemon was told to stop (nil: it was not).
    public init(
        attempts: [String: [SoakAttempt]], samples: [StateSample], issued: [String: Int]?, end: Date,
        stoppedAt: Date? = nil, margin: TimeInterval = 10, tolerance: TimeInterval = 1.5
    ) {
        let successes = attempts.mapValues { list in
            list.filter { $0.outcome == .success && $0.expiresAt != nil }.sorted { $0.finishedAt < $1.finishedAt }
        }
        if let issued {
            for (profile, count) in issued.sorted(by: { $0.key < $1.key }) {
                var missing = max(0, count - (successes[profile]?.count ?? 0))
                let cancelled =
                    stoppedAt.map { stop in
                        (attempts[profile] ?? []).filter { $0.outcome != .success && $0.finishedAt >= stop }.count
                    } ?? 0
                let excused = min(missing, cancelled)
                cutOffAtStop += excused
                missing -= excused
                unreceivedSuccesses += missing
                if missing > 0 {
                    note("unreceived: \(profile) issued \(count), success lines \(successes[profile]?.count ?? 0)")
                }
            }
        }
        for (profile, list) in successes { noSuccess(list, attempts: attempts[profile] ?? [], end: end) }

        let byProfile = Dictionary(grouping: samples, by: \.profile)
        for (profile, list) in byProfile {
            let ordered = list.sorted { $0.from < $1.from }
            let tokens = successes[profile] ?? []
            for (index, sample) in ordered.enumerated() {
                let next = index + 1 < ordered.count ? ordered[index + 1].from : nil
                judge(sample, next: next, tokens: tokens, margin: margin, tolerance: tolerance)
            }
        }
    }

    private mutating func judge(
        _ sample: StateSample, next: Date?, tokens: [SoakAttempt], margin: TimeInterval,
        tolerance: TimeInterval
    ) {
        // The newest token received well before the sample, and whether it outlives the sample.
        let before = tokens.last { $0.finishedAt <= sample.from.addingTimeInterval(-tolerance) }
        let expectValid =
            before.flatMap(\.expiresAt).map {
                $0.addingTimeInterval(-margin) > sample.to.addingTimeInterval(tolerance)
            } ?? false
        // Any token that could be the one held at some moment of the sample.
        let around = tokens.last { $0.finishedAt <= sample.to.addingTimeInterval(tolerance) }
        let expectInvalid =
            around.flatMap(\.expiresAt).map {
                $0.addingTimeInterval(-margin) <= sample.from.addingTimeInterval(-tolerance)
            } ?? true
        if expectValid || expectInvalid { samplesJudged += 1 }
        if expectValid && !sample.holdsValidToken {
            gapSamples += 1
            gapSeconds += max(0, (next ?? sample.to).timeIntervalSince(sample.from))
            note("gap: \(sample.profile) \(sample.state) at \(sample.from) with a token valid until margin")
        } else if expectInvalid && sample.holdsValidToken {
            falseValidSamples += 1
            note("false valid: \(sample.profile) \(sample.state) at \(sample.from) after its token's margin")
        }
    }

    /// Spans after a token's server expiry until the next success (or the end of the run).
    private mutating func noSuccess(_ tokens: [SoakAttempt], attempts: [SoakAttempt], end: Date) {
        var newest: Date?
        for token in tokens {
            guard let expiresAt = token.expiresAt else { continue }
            if let held = newest, held < token.finishedAt { record(from: held, to: token.finishedAt, attempts) }
            newest = max(newest ?? expiresAt, expiresAt)
        }
        if let held = newest, held < end { record(from: held, to: end, attempts) }
    }

    private mutating func record(from start: Date, to end: Date, _ attempts: [SoakAttempt]) {
        let seconds = end.timeIntervalSince(start)
        noSuccessWindows += 1
        noSuccessSeconds += seconds
        guard seconds > longestNoSuccessSeconds else { return }
        longestNoSuccessSeconds = seconds
        // The tries from the last success before the window up to the one that ended it.
        let inside = attempts.filter { $0.finishedAt > start.addingTimeInterval(-120) && $0.startedAt <= end }
            .sorted { $0.startedAt < $1.startedAt }
        let steps = inside.map { attempt in
            "\(attempt.attempt):\(attempt.outcome == .success ? "ok" : attempt.httpStatus.map(String.init) ?? "none")"
        }
        let waits = zip(inside, inside.dropFirst()).map {
            String(format: "%.0f", $1.startedAt.timeIntervalSince($0.finishedAt))
        }
        longestNoSuccess =
            "\(attempts.first?.profile ?? "?"): tries (number:status) \(steps.joined(separator: " ")); "
            + "waits \(waits.joined(separator: ", ")) s"
    }

    private mutating func note(_ text: String) {
        if examples.count < 5 { examples.append(text) }
    }

    /// The issue's target: zero gaps, nothing lost, no state claiming a token it does not have.
    public var passed: Bool { gapSamples == 0 && unreceivedSuccesses == 0 && falseValidSamples == 0 }
}
