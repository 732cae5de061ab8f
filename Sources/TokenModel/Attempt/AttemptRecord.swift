import Foundation

/// Everything known about one token request. Never holds the token or the secret: only the
/// token's fingerprint.
public struct AttemptRecord: Sendable, Equatable {
    public var profile: String
    public var trigger: AttemptTrigger
    /// The attempt's number since the profile's last success (1 = first try, 2 = first retry...).
    public var attempt: Int = 1
    public var startedAt: Date
    public var latency: Duration
    public var httpStatus: Int?
    public var resultCode: ResultCode?
    public var resultMessage: String?
    public var outcome: AttemptOutcome
    /// What went wrong, in words an operator can act on; nil on success.
    public var error: String?
    /// `expiry` exactly as received (seconds or milliseconds).
    public var expiryRaw: Int64?
    /// The expiry normalised to milliseconds since the epoch (server clock).
    public var expiryMs: Int64?
    /// The token's expiry on our clock (skew-corrected).
    public var expiresAt: Date?
    public var tokenFingerprint: String?
    /// Server clock minus ours, from the `Date` header; nil when the server sent none.
    public var skew: Duration?
    /// A `Retry-After` the server asked for.
    public var retryAfter: Duration?
    /// Remarks such as `expiry 1764000000 read as seconds`.
    public var notes: [String]

    public init(
        profile: String, trigger: AttemptTrigger, startedAt: Date, latency: Duration = .zero,
        httpStatus: Int? = nil, resultCode: ResultCode? = nil, resultMessage: String? = nil,
        outcome: AttemptOutcome, error: String? = nil, expiryRaw: Int64? = nil, expiryMs: Int64? = nil,
        expiresAt: Date? = nil, tokenFingerprint: String? = nil, skew: Duration? = nil,
        retryAfter: Duration? = nil, notes: [String] = []
    ) {
        self.profile = profile
        self.trigger = trigger
        self.startedAt = startedAt
        self.latency = latency
        self.httpStatus = httpStatus
        self.resultCode = resultCode
        self.resultMessage = resultMessage
        self.outcome = outcome
        self.error = error
        self.expiryRaw = expiryRaw
        self.expiryMs = expiryMs
        self.expiresAt = expiresAt
        self.tokenFingerprint = tokenFingerprint
        self.skew = skew
        self.retryAfter = retryAfter
        self.notes = notes
    }

    public var finishedAt: Date { startedAt.adding(latency) }
}
