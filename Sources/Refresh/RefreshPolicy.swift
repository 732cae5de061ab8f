import Foundation
import TokenModel

/// When to refresh and when to retry. Pure: randomness comes from the caller's generator.
///
/// - Refresh a fresh token at a random point in `[expiry - 1.25*lead, expiry - lead]`,
///   `lead = max(before, 15% of lifetime)`, but at most half the lifetime (so short-lived tokens
///   are not refreshed the moment they arrive), never inside the expiry margin, never sooner
///   than `minimumInterval` after issue and never later than `maximumInterval` after it.
/// - Transient failure: back off 1 s doubling to 5 min (1 min while the profile holds no valid
///   token: it has nothing to fall back on, so it tries again sooner), each step cut by up to 25%
///   at random, never later than half the remaining life of a still-valid token; a `Retry-After`
///   is honoured.
/// - Rejection: one automatic retry after `rejectionRetryDelay` (cut by up to 25%), then none.
/// - Manual refresh: at most one request per profile per `manualRefreshInterval`; one asked for
///   sooner after the profile's last attempt ended gets that attempt's record.
public struct RefreshPolicy: Sendable, Equatable {
    public var expiryMargin: Duration = .seconds(10)
    public var leadFraction = 0.15
    public var maxLeadFraction = 0.5
    public var windowFactor = 1.25
    public var minimumInterval: Duration = .seconds(5)
    public var maximumInterval: Duration = .seconds(86400)
    public var backoffInitial: Duration = .seconds(1)
    public var backoffMaximum: Duration = .seconds(300)
    /// The backoff's ceiling while the profile holds no valid token (expired, or never had one).
    public var tokenlessBackoffMaximum: Duration = .seconds(60)
    public var backoffJitter = 0.25
    public var rejectionRetryDelay: Duration = .seconds(300)
    /// A manual refresh this soon after the profile's last attempt ended answers with that
    /// attempt instead of sending a request: a script or a held key costs EnKash one request per
    /// profile per interval, not one per call.
    public var manualRefreshInterval: Duration = .seconds(5)
    /// Initial fetches start at random points within this span (the concurrency cap spreads them further).
    public var startSpread: Duration = .seconds(2)

    public init() {}

    /// How long before expiry the refresh window ends.
    public func lead(lifetime: Duration, before: Duration) -> Duration {
        let wanted = max(before, lifetime * leadFraction)
        return min(wanted, lifetime * maxLeadFraction)
    }

    /// When to refresh `token`, which was just issued.
    public func refreshTime<R: RandomNumberGenerator>(for token: IssuedToken, before: Duration, using rng: inout R)
        -> Date
    {
        let lifetime = token.lifetime
        let lead = self.lead(lifetime: lifetime, before: before)
        let latest = token.expiresAt.adding(.zero - lead)
        let earliest = token.expiresAt.adding(.zero - lead * windowFactor)
        let span = latest.timeIntervalSince(earliest)
        var time = span > 0 ? earliest.addingTimeInterval(Double.random(in: 0...span, using: &rng)) : latest
        // Before the token counts as expired, with a second to spare for the request itself.
        time = min(time, token.expiresAt.adding(.zero - expiryMargin - .seconds(1)))
        let usable = token.expiresAt.adding(.zero - expiryMargin).duration(since: token.issuedAt)
        time = max(time, token.issuedAt.adding(min(minimumInterval, usable / 2)))
        return min(time, token.issuedAt.adding(maximumInterval))
    }

    /// The wait before retry number `failures` (1 for the first retry) after transient failures.
    /// The longest a transient backoff step gets: `backoffMaximum`, or `tokenlessBackoffMaximum`
    /// (when shorter) while the profile holds no valid token.
    public func backoffCeiling(holdsValidToken: Bool) -> Duration {
        holdsValidToken ? backoffMaximum : min(tokenlessBackoffMaximum, backoffMaximum)
    }

    /// `holdsValidToken: false` caps it at `tokenlessBackoffMaximum` instead of `backoffMaximum`.
    public func backoff<R: RandomNumberGenerator>(failures: Int, holdsValidToken: Bool = true, using rng: inout R)
        -> Duration
    {
        let exponent = min(max(failures - 1, 0), 30)
        let base = min(backoffInitial * (1 << exponent), backoffCeiling(holdsValidToken: holdsValidToken))
        return base * (1 - Double.random(in: 0...backoffJitter, using: &rng))
    }

    /// When to retry after `failures` consecutive transient failures.
    public func retryTime<R: RandomNumberGenerator>(
        now: Date, failures: Int, validToken: IssuedToken?, retryAfter: Duration?, using rng: inout R
    ) -> Date {
        let holdsValidToken = validToken?.isValid(at: now, margin: expiryMargin) ?? false
        var delay = backoff(failures: failures, holdsValidToken: holdsValidToken, using: &rng)
        if let token = validToken, holdsValidToken {
            let halfRemaining = token.expiresAt.adding(.zero - expiryMargin).duration(since: now) / 2
            delay = max(min(delay, halfRemaining), .milliseconds(500))
        }
        if let retryAfter { delay = max(delay, retryAfter) }
        return now.adding(delay)
    }

    /// When to make the single automatic retry after a first rejection.
    public func rejectionRetryTime<R: RandomNumberGenerator>(now: Date, using rng: inout R) -> Date {
        now.adding(rejectionRetryDelay * (1 - Double.random(in: 0...backoffJitter, using: &rng)))
    }
}
