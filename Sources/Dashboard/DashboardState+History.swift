import TokenModel

extension DashboardState {
    /// The attempts of the profile named `name` in the log, oldest first (cached per log change).
    public func history(of name: String) -> ProfileHistory {
        historyCache.histories(of: log)[name] ?? ProfileHistory()
    }
}
