import Foundation
import Refresh

/// "No automatic retry storm": every automatic attempt must come no sooner after the previous
/// one of its profile than `RefreshPolicy` allows, recomputed here from the log alone:
/// - after a **transient failure** that was try number `n` since the last success:
///   `backoff(n)` at its largest jitter cut (`min(1 s x 2^(n-1), 5 min) x 0.75`, 1 min instead
///   of 5 while the profile held no valid token); while the
///   profile still held a token valid beyond the margin, the policy may shorten this to half
///   that token's remaining life, but never below 0.5 s; a 429 waits at least `retryAfter`;
/// - after a **success**: the earliest point of the refresh window (`expiry - 1.25 x lead`, at
///   most `expiry - margin - 1 s`, at least `min(5 s, usable life / 2)` after issue);
/// - after a **rejection**: `rejectionRetryDelay x 0.75`.
/// Spacing is from the previous answer (`ts`) to the next request (`ts - latencyMs`); a spacing
/// below the allowed minimum by more than `tolerance` is a violation. The tolerance (0.25 s)
/// covers the time between the answer and the daemon scheduling from it on a loaded machine (the
/// half-remaining-life rule counts from the later instant); a storm is far below it. Manual attempts are not
/// judged (an operator may ask at any time).
///
/// The other side, no giving up: while a profile holds no valid token, the next automatic try
/// after a transient failure must come within the policy's tokenless ceiling (1 min, or the
/// `Retry-After` when longer) plus `lateTolerance` (queueing behind the concurrency cap, a loaded
/// machine). A retry later than that is a `lateRetries` failure.
public struct RetrySpacingAnalysis: Sendable, Equatable {
    public var pairsJudged = 0
    public var violations = 0
    /// Waits after a transient failure, with no valid token held, that were judged for lateness.
    public var tokenlessWaitsJudged = 0
    /// Of those, the retries that came later than the ceiling allows.
    public var lateRetries = 0
    /// The longest such wait, in seconds.
    public var longestTokenlessWait: TimeInterval?
    /// The smallest spacing / allowed ratio seen (1 = exactly at the policy's minimum).
    public var minimumRatio: Double?
    /// The most attempts one profile made in any 60 s.
    public var maxAttemptsPerMinute = 0
    public var examples: [String] = []

    public init(
        attempts: [String: [SoakAttempt]], policy: RefreshPolicy = RefreshPolicy(), before: Duration = .seconds(120),
        retryAfter: Duration? = nil, tolerance: TimeInterval = 0.25, lateTolerance: TimeInterval = 10
    ) {
        for (profile, unordered) in attempts {
            let list = unordered.sorted { $0.startedAt < $1.startedAt }
            var token: Date?
            for (previous, next) in zip(list, list.dropFirst()) {
                if previous.outcome == .success, let expiresAt = previous.expiresAt { token = expiresAt }
                guard next.isAutomatic else { continue }
                let allowed = Self.minimumSpacing(
                    after: previous, heldTokenExpiry: token, policy: policy, before: before, retryAfter: retryAfter)
                let spacing = next.startedAt.timeIntervalSince(previous.finishedAt)
                if let latest = Self.maximumTokenlessSpacing(
                    after: previous, heldTokenExpiry: token, policy: policy, retryAfter: retryAfter)
                {
                    tokenlessWaitsJudged += 1
                    longestTokenlessWait = max(longestTokenlessWait ?? 0, spacing)
                    if spacing > latest + lateTolerance {
                        lateRetries += 1
                        note(
                            "\(profile): no valid token, next try \(String(format: "%.3f", spacing)) s after "
                                + "attempt \(previous.attempt) failed, latest allowed " + String(format: "%.3f", latest)
                                + " s")
                    }
                }
                pairsJudged += 1
                if allowed > 0 { minimumRatio = min(minimumRatio ?? .infinity, spacing / allowed) }
                if spacing < allowed - tolerance {
                    violations += 1
                    note(
                        "\(profile): \(next.trigger.rawValue) \(String(format: "%.3f", spacing)) s after "
                            + "\(previous.outcome.rawValue) attempt \(previous.attempt), allowed "
                            + String(format: "%.3f", allowed) + " s")
                }
            }
            maxAttemptsPerMinute = max(maxAttemptsPerMinute, Self.busiestMinute(list.map(\.startedAt)))
        }
    }

    /// The policy's smallest allowed wait after `previous`, in seconds.
    public static func minimumSpacing(
        after previous: SoakAttempt, heldTokenExpiry: Date?, policy: RefreshPolicy, before: Duration,
        retryAfter: Duration?
    ) -> TimeInterval {
        let margin = policy.expiryMargin.seconds
        let now = previous.finishedAt
        switch previous.outcome {
        case .success:
            guard let expiresAt = previous.expiresAt else { return 0 }
            let lifetime = max(0, expiresAt.timeIntervalSince(now))
            let lead = policy.lead(lifetime: .seconds(double: lifetime), before: before).seconds
            let earliest = min(lifetime - lead * policy.windowFactor, lifetime - margin - 1)
            let usable = lifetime - margin
            return max(earliest, min(policy.minimumInterval.seconds, usable / 2))
        case .transient:
            let exponent = min(max(previous.attempt - 1, 0), 30)
            let holdsValidToken = heldTokenExpiry.map { now < $0.addingTimeInterval(-margin) } ?? false
            let ceiling = policy.backoffCeiling(holdsValidToken: holdsValidToken).seconds
            let base = min(policy.backoffInitial.seconds * Double(1 << exponent), ceiling)
            var delay = base * (1 - policy.backoffJitter)
            if let expiry = heldTokenExpiry, holdsValidToken {
                let halfRemaining = expiry.addingTimeInterval(-margin).timeIntervalSince(now) / 2
                delay = max(min(delay, halfRemaining), 0.5)
            }
            if previous.httpStatus == 429, let retryAfter { delay = max(delay, retryAfter.seconds) }
            return delay
        case .rejected:
            return policy.rejectionRetryDelay.seconds * (1 - policy.backoffJitter)
        }
    }

    /// The policy's latest retry after `previous` while no valid token is held, in seconds; nil
    /// when the rule does not apply (a success, a rejection, or a token still valid).
    public static func maximumTokenlessSpacing(
        after previous: SoakAttempt, heldTokenExpiry: Date?, policy: RefreshPolicy, retryAfter: Duration?
    ) -> TimeInterval? {
        guard previous.outcome == .transient else { return nil }
        let margin = policy.expiryMargin.seconds
        if let expiry = heldTokenExpiry, previous.finishedAt < expiry.addingTimeInterval(-margin) { return nil }
        var latest = policy.backoffCeiling(holdsValidToken: false).seconds
        if previous.httpStatus == 429, let retryAfter { latest = max(latest, retryAfter.seconds) }
        return latest
    }

    /// Keeps the first five examples.
    private mutating func note(_ text: String) {
        if examples.count < 5 { examples.append(text) }
    }

    /// The most of `times` inside any 60 s span.
    static func busiestMinute(_ times: [Date]) -> Int {
        var best = 0
        var first = 0
        for (index, time) in times.enumerated() {
            while time.timeIntervalSince(times[first]) >= 60 { first += 1 }
            best = max(best, index - first + 1)
        }
        return best
    }

    public var passed: Bool { violations == 0 && lateRetries == 0 }
}
