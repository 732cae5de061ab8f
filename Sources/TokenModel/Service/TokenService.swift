import Foundation

/// What a screen needs from whoever keeps the tokens fresh: the local `AuthService`, or a
/// daemon (or another dashboard) reached over the control socket. The dashboard talks only to
/// this, so its keys reach the one refresher wherever it runs.
public protocol TokenService: Sendable {
    /// Every profile now, in display order.
    func snapshot() async -> [ProfileStatus]
    /// A new stream of events; it finishes when the service stops or the connection drops.
    func events() async -> AsyncStream<AuthEvent>
    /// Refreshes one profile now; the attempt's record (nil when the service stopped first).
    /// A request already in flight is joined, one asked for within a few seconds of the last
    /// attempt gets that attempt's record, and a `rejected` profile is refused unless `force`
    /// (each try is a failed login towards the merchant account's lockout).
    func refresh(_ name: String, force: Bool) async throws -> AttemptRecord?
    /// `refresh`, also saying whether the record is the last attempt's, reused within the
    /// manual rate limit (no request was sent for it).
    func refreshAnswer(_ name: String, force: Bool) async throws -> RefreshAnswer?
    /// Refreshes every enabled profile, `rejected` ones only when asked (which forces them);
    /// returns those skipped.
    func refreshAll(includeRejected: Bool) async throws -> [String]
    /// Pauses automatic refresh of a profile, or resumes it.
    func togglePause(_ name: String) async throws
    /// Pauses automatic refresh of a profile; nothing happens when it is paused already.
    func pause(_ name: String) async throws
    /// Resumes automatic refresh of a profile; nothing happens when it is not paused.
    func resume(_ name: String) async throws
    /// Re-reads the profiles file and applies it; nil when nothing was done.
    func reload() async throws -> ReloadSummary?
    /// The profile's valid token, for sinks and the clipboard. Always nil over a socket: the
    /// control protocol never carries tokens.
    func token(for name: String) async -> IssuedToken?
}

extension TokenService {
    /// A service that cannot tell reused records from new ones calls them all new.
    public func refreshAnswer(_ name: String, force: Bool) async throws -> RefreshAnswer? {
        try await refresh(name, force: force).map { RefreshAnswer(record: $0) }
    }
}
