/// What the sandbox has answered so far: the JSON of `GET /_sandbox/stats`.
///
/// Keyed by access key (never secrets). Tests and benchmarks compare it with what the client sent.
public struct SandboxStats: Codable, Sendable, Equatable {
    /// Token requests received (the stats endpoint itself is not counted).
    public var requests: Int
    /// Token requests being held right now (waiting out latency, or hanging): a gauge, not a count.
    public var held: Int
    /// The sum over all keys, plus bad requests that named no access key.
    public var totals: SandboxKeyStats
    /// Counts per access key; keys the sandbox does not know appear too (up to a limit).
    public var accessKeys: [String: SandboxKeyStats]
    /// When the first and the last token request counted here were decided (milliseconds since
    /// the epoch; nil before any): a benchmark reads the server's own view of how long a burst took.
    public var firstRequestAtMs: Int64?
    public var lastRequestAtMs: Int64?

    public init(
        requests: Int = 0, held: Int = 0, totals: SandboxKeyStats = .init(),
        accessKeys: [String: SandboxKeyStats] = [:],
        firstRequestAtMs: Int64? = nil, lastRequestAtMs: Int64? = nil
    ) {
        self.requests = requests
        self.held = held
        self.totals = totals
        self.accessKeys = accessKeys
        self.firstRequestAtMs = firstRequestAtMs
        self.lastRequestAtMs = lastRequestAtMs
    }
}

/// Counts of one kind of answer. Every request lands in exactly one of the outcome counters.
public struct SandboxKeyStats: Codable, Sendable, Equatable {
    public var requests = 0
    /// 200 with a token.
    public var issued = 0
    /// 401: wrong secret or unknown key.
    public var rejected = 0
    /// 403: the key is locked.
    public var locked = 0
    /// 500/502/503.
    public var failed = 0
    /// Accepted and never answered.
    public var hung = 0
    /// 200 with a body that is not valid JSON.
    public var malformed = 0
    /// 429.
    public var rateLimited = 0
    /// 400: malformed JSON or a missing field.
    public var badRequest = 0

    public init() {}

    mutating func record(_ kind: SandboxOutcome.Kind) {
        requests += 1
        switch kind {
        case .issued: issued += 1
        case .rejected: rejected += 1
        case .locked: locked += 1
        case .failed: failed += 1
        case .hung: hung += 1
        case .malformed: malformed += 1
        case .rateLimited: rateLimited += 1
        case .badRequest: badRequest += 1
        }
    }
}
