/// Where the auth service hands every token it obtained (the sink seam).
///
/// `AuthService` calls `deliver` after the result-log line of every successful fetch. Calls for one
/// profile name never overlap and arrive in the order the tokens were issued; calls for different
/// profiles may run at once. The service's stop waits for the calls in progress and does not
/// cancel them.
public protocol TokenDelivery: Sendable {
    /// Stores `token` for `profile`; returns a report to broadcast as `.sinkWritten`, or nil when
    /// there was nothing to do (the profile has no sink).
    func deliver(_ token: IssuedToken, for profile: Profile) async -> SinkReport?
}
