/// What a screen shows for a profile.
public enum ProfileState: String, Sendable, Codable, CaseIterable, Equatable {
    /// No valid token yet; the first request is queued or in flight.
    case fetching
    /// Holds a valid token.
    case valid
    /// Holds a valid token; a refresh is queued or in flight.
    case refreshing
    /// The last refresh failed transiently; retrying while the old token is still good.
    case stale
    /// Had a token, it expired (10 s early), and no new one came yet.
    case expired
    /// Never got a token; retrying after transient failures.
    case failing
    /// The server refused the credentials; waiting for the operator.
    case rejected
    /// Automatic refresh paused by the operator.
    case paused
    /// `enabled: false` in the profiles file.
    case disabled

    /// True for states an operator should look at.
    public var needsAttention: Bool {
        switch self {
        case .expired, .failing, .rejected, .stale: true
        default: false
        }
    }
}
