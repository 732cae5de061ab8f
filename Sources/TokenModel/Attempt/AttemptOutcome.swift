/// How one token request ended.
public enum AttemptOutcome: String, Sendable, Codable, Equatable {
    /// HTTP 2xx with a non-empty token and an expiry more than 10 s ahead.
    case success
    /// The server refused the credentials (401/403, other 4xx without a token, or a 2xx that
    /// answered with a result but no token). Retrying risks locking the account.
    case rejected
    /// Worth retrying: network error, timeout, 5xx, 408, 429, malformed or unusable body.
    case transient
}
