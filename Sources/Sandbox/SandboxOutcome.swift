/// What the sandbox decided to do with one token request.
struct SandboxOutcome: Sendable {
    enum Kind: Sendable {
        case issued, rejected, locked, failed, hung, malformed, rateLimited, badRequest
    }

    enum Action: Sendable {
        /// 200 with `token` and `expiry`, counted from the (skewed) time of answering.
        case issue(token: String, lifetime: Duration, expiryInSeconds: Bool)
        /// 400; `message` names what is wrong with the body.
        case badRequest(message: String)
        /// 401.
        case reject
        /// 403; `attempts` is the lock threshold quoted in the message.
        case locked(attempts: Int)
        /// 500, 502 or 503, with a JSON or an HTML body.
        case fail(status: Int, htmlBody: Bool)
        /// 429 with `Retry-After: seconds`.
        case rateLimit(retryAfterSeconds: Int)
        /// 200 with a body that is not valid JSON; `variant` picks which kind of broken.
        case malformed(token: String, variant: UInt64)
        /// Never answer.
        case hang
    }

    var action: Action
    /// Wait this long before acting.
    var latency: Duration = .zero
    /// Offset of the `Date` header and of `now` for `expiry`.
    var skew: Duration = .zero
    /// For logs: the access key, masked.
    var maskedAccessKey: String?

    var kind: Kind {
        switch action {
        case .issue: .issued
        case .badRequest: .badRequest
        case .reject: .rejected
        case .locked: .locked
        case .fail: .failed
        case .rateLimit: .rateLimited
        case .malformed: .malformed
        case .hang: .hung
        }
    }
}
