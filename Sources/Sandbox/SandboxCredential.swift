import TokenModel

/// One merchant key the sandbox knows, and how the sandbox behaves for it.
///
/// Fault rates are probabilities in `0...1`, drawn independently per request in this order:
/// hang, rate limit, server failure; then the credentials are checked (locked → 403, wrong
/// secret → 401); a good request is answered with a malformed body at `malformedRate`, else with
/// a token.
public struct SandboxCredential: Sendable, Equatable {
    public var accessKey: String
    public var secretKey: SecretString
    /// Display name; defaults to the access key's masked form where shown.
    public var merchant: String?
    /// Token lifetime; nil means the server's default (`--token-lifetime`).
    public var lifetime: Duration?
    /// Delay before every answer for this key; nil for none.
    public var latency: SandboxLatency?
    /// Chance of a 500/502/503 with a JSON or HTML body.
    public var failRate: Double
    /// Chance of accepting the request and never answering.
    public var hangRate: Double
    /// Chance of a 200 whose body is truncated or invalid JSON.
    public var malformedRate: Double
    /// Chance of a 429 with `Retry-After`.
    public var rateLimitRate: Double
    /// The `Retry-After` sent with a 429 (rounded up to whole seconds).
    public var retryAfter: Duration
    /// Send `expiry` in seconds since the epoch instead of milliseconds (legacy servers).
    public var expiryInSeconds: Bool
    /// Offset of this key's clock: shifts the `Date` header and the `now` that `expiry` counts from.
    public var skew: Duration
    /// Lock the key after this many consecutive wrong secrets; nil never locks. A success resets the count.
    public var lockAfter: Int?
    /// The key starts locked.
    public var locked: Bool

    public init(
        accessKey: String,
        secretKey: SecretString,
        merchant: String? = nil,
        lifetime: Duration? = nil,
        latency: SandboxLatency? = nil,
        failRate: Double = 0,
        hangRate: Double = 0,
        malformedRate: Double = 0,
        rateLimitRate: Double = 0,
        retryAfter: Duration = .seconds(5),
        expiryInSeconds: Bool = false,
        skew: Duration = .zero,
        lockAfter: Int? = nil,
        locked: Bool = false
    ) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.merchant = merchant
        self.lifetime = lifetime
        self.latency = latency
        self.failRate = failRate
        self.hangRate = hangRate
        self.malformedRate = malformedRate
        self.rateLimitRate = rateLimitRate
        self.retryAfter = retryAfter
        self.expiryInSeconds = expiryInSeconds
        self.skew = skew
        self.lockAfter = lockAfter
        self.locked = locked
    }
}

extension SandboxCredential {
    /// Values out of range, as (field, problem) pairs; empty when the credential is usable.
    public var problems: [(field: String, problem: String)] {
        var found: [(String, String)] = []
        if accessKey.isEmpty { found.append(("accessKey", "must not be empty")) }
        if secretKey.isEmpty { found.append(("secretKey", "must not be empty")) }
        if let lifetime, lifetime <= .zero { found.append(("lifetime", "must be longer than zero, e.g. 300s")) }
        let rates = [
            ("failRate", failRate), ("hangRate", hangRate), ("malformedRate", malformedRate),
            ("rateLimitRate", rateLimitRate),
        ]
        for (field, rate) in rates where !(0...1).contains(rate) {
            found.append((field, "must be between 0 and 1 (a probability), e.g. 0.25"))
        }
        if retryAfter < .zero { found.append(("retryAfter", "must not be negative")) }
        if let latency, latency.minimum < .zero || latency.minimum > latency.maximum {
            found.append(("latency", "must be a non-negative duration or a range low..high"))
        }
        if let lockAfter, lockAfter < 1 { found.append(("lockAfter", "must be at least 1")) }
        return found
    }
}
