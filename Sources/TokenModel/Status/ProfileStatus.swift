import Foundation

/// A profile as a screen sees it at one moment. Holds no secret: only the token's fingerprint.
public struct ProfileStatus: Sendable, Equatable, Identifiable {
    public var id: String { name }
    public var name: String
    public var merchant: String
    public var environment: String
    public var host: String
    public var baseURL: String
    public var maskedAccessKey: String
    /// The proxy token requests go through, as `host:port` (never its credentials); nil: direct.
    public var proxy: String?
    public var tags: [String]
    public var enabled: Bool
    public var paused: Bool
    public var state: ProfileState
    public var tokenFingerprint: String?
    public var issuedAt: Date?
    /// Expiry on our clock (skew-corrected).
    public var expiresAt: Date?
    /// Expiry as the server stated it, in ms.
    public var serverExpiryMs: Int64?
    public var nextRefreshAt: Date?
    /// When the token enters its refresh lead (its expiry minus the lead the refresher keeps): a
    /// token still held past this is late to be replaced. Nil without a token.
    public var refreshLeadAt: Date?
    /// Attempts made since start.
    public var attempts: Int
    public var lastAttempt: AttemptRecord? {
        get { lastAttemptBox?.record }
        set { lastAttemptBox = newValue.map(AttemptRecordBox.init) }
    }
    /// Boxed: see `AttemptRecordBox`; a slot's status shares the slot's box.
    public var lastAttemptBox: AttemptRecordBox?
    public var lastSuccessAt: Date?
    /// EnKash refused the credentials at the last attempt: true while `state` shows `rejected`,
    /// and also while it shows `paused` or a request in flight. A manual refresh then needs
    /// `force` (each try is one more failed login towards the merchant account's lockout).
    public var rejected = false

    public init(
        name: String, merchant: String, environment: String, host: String, baseURL: String, maskedAccessKey: String,
        tags: [String], enabled: Bool, paused: Bool, state: ProfileState, tokenFingerprint: String? = nil,
        issuedAt: Date? = nil, expiresAt: Date? = nil, serverExpiryMs: Int64? = nil, nextRefreshAt: Date? = nil,
        attempts: Int = 0, lastAttempt: AttemptRecord? = nil, lastSuccessAt: Date? = nil, proxy: String? = nil,
        refreshLeadAt: Date? = nil
    ) {
        self.name = name
        self.merchant = merchant
        self.environment = environment
        self.host = host
        self.baseURL = baseURL
        self.maskedAccessKey = maskedAccessKey
        self.proxy = proxy
        self.tags = tags
        self.enabled = enabled
        self.paused = paused
        self.state = state
        self.tokenFingerprint = tokenFingerprint
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.serverExpiryMs = serverExpiryMs
        self.nextRefreshAt = nextRefreshAt
        self.refreshLeadAt = refreshLeadAt
        self.attempts = attempts
        self.lastAttempt = lastAttempt
        self.lastSuccessAt = lastSuccessAt
    }
}
