import TokenModel

/// Where a profile's tokens come from.
public enum RefreshSource: Sendable, Equatable {
    /// This process requests them from EnKash on its own schedule.
    case local
    /// Another process requests them and hands them over (`RefreshScheduler.Input.tokenArrived`):
    /// this one never sends a request for the profile, it only installs, publishes and delivers
    /// what arrives, and re-derives the state when the token crosses its expiry margin.
    case external
}
