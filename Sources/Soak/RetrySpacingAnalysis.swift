import Foundation
import TokentopCore

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
public struct RetrySpacingAnalysis: Sendable, Equatable {
    public var pairsJudged = 0
    public var violations = 0
    /// The smallest spacing / allowed ratio seen (1 = exactly at the policy's minimum).
    public var minimumRatio: Double?
    /// The most attempts one profile made in any 60 s.
    public var maxAttemptsPerMinute = 0
    public var examples: [String] = []

    public init(
        attempts: [String: [SoakAttempt]], policy: RefreshPolicy = RefreshPolicy(), before: Duration = .seconds(120),
        retryAfter: Duration? = nil, tolerance: TimeInterval = 0.25
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
                pairsJudged += 1
                if allowed > 0 { minimumRatio = min(minimumRatio ?? .infinity, spacing / allowed) }
                if spacing < allowed - tolerance {
                    violations += 1
                    if examples.count < 5 {
                        examples.append(
                            "\(profile): \(next.trigger.rawValue) \(String(format: "%.3f", spacing)) s after "
                                + "\(previous.outcome.rawValue) attempt \(previous.attempt), allowed "
                                + String(format: "%.3f", allowed) + " s")
                    }
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
            let ceiling = holdsValidToken
                ? policy.backoffMaximum.seconds
                : min(policy.tokenlessBackoffMaximum, policy.backoffMaximum).seconds
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

    public var passed: Bool { violations == 0 }
}
