import Foundation
import TokenModel

/// One result-log line as the soak analysis needs it: when the request ran, how it ended, and
/// what the daemon decided next. Read back from the JSON line (see "Result log" in RunningForReal.md), so the
/// analysis checks what the daemon wrote, not what it meant to write.
public struct SoakAttempt: Sendable, Equatable {
    public var profile: String
    /// `ts - latencyMs`: when the request was sent.
    public var startedAt: Date
    /// `ts`: when the answer (or the failure) came back; a token's `issuedAt`.
    public var finishedAt: Date
    public var outcome: AttemptOutcome
    public var trigger: AttemptTrigger
    public var httpStatus: Int?
    /// Tries since the profile's last success (1 = first try): the failure count the backoff used.
    public var attempt: Int
    /// The token's expiry on the daemon's clock (`expiresAt`), success only.
    public var expiresAt: Date?
    /// When the daemon scheduled its next request (`nextRefreshAt`).
    public var nextRefreshAt: Date?

    public init(
        profile: String, startedAt: Date, finishedAt: Date, outcome: AttemptOutcome, trigger: AttemptTrigger,
        httpStatus: Int? = nil, attempt: Int = 1, expiresAt: Date? = nil, nextRefreshAt: Date? = nil
    ) {
        self.profile = profile
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.trigger = trigger
        self.httpStatus = httpStatus
        self.attempt = attempt
        self.expiresAt = expiresAt
        self.nextRefreshAt = nextRefreshAt
    }

    /// Parses one result-log line; nil when it is not a whole, well-formed line.
    public init?(line: Substring) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let profile = object["profile"] as? String,
            let ts = (object["ts"] as? String).flatMap(ISOTime.parse),
            let latency = (object["latencyMs"] as? NSNumber)?.doubleValue,
            let outcome = (object["outcome"] as? String).flatMap(AttemptOutcome.init(rawValue:)),
            let trigger = (object["trigger"] as? String).flatMap(AttemptTrigger.init(rawValue:)),
            let attempt = (object["attempt"] as? NSNumber)?.intValue
        else { return nil }
        self.init(
            profile: profile, startedAt: ts.addingTimeInterval(-latency / 1000), finishedAt: ts, outcome: outcome,
            trigger: trigger, httpStatus: (object["httpStatus"] as? NSNumber)?.intValue, attempt: attempt,
            expiresAt: (object["expiresAt"] as? String).flatMap(ISOTime.parse),
            nextRefreshAt: (object["nextRefreshAt"] as? String).flatMap(ISOTime.parse))
    }

    /// Started by the daemon itself rather than an operator.
    public var isAutomatic: Bool { trigger == .initial || trigger == .scheduled || trigger == .retry }
}
