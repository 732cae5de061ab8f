import Foundation
import TokenModel

/// A `TokenService` whose `reload()` runs a caller-supplied closure (re-read the profiles file,
/// apply it to the auth service, or report the file's first diagnostic); everything else goes to
/// `base`.
public struct ReloadingTokenService: TokenService {
    public let base: any TokenService
    private let reloader: @Sendable () async throws -> ReloadSummary?

    public init(_ base: any TokenService, reload: @escaping @Sendable () async throws -> ReloadSummary?) {
        self.base = base
        self.reloader = reload
    }

    public func snapshot() async -> [ProfileStatus] { await base.snapshot() }
    public func events() async -> AsyncStream<AuthEvent> { await base.events() }
    public func refresh(_ name: String, force: Bool) async throws -> AttemptRecord? {
        try await base.refresh(name, force: force)
    }
    public func refreshAnswer(_ name: String, force: Bool) async throws -> RefreshAnswer? {
        try await base.refreshAnswer(name, force: force)
    }
    public func refreshAll(includeRejected: Bool) async throws -> [String] {
        try await base.refreshAll(includeRejected: includeRejected)
    }
    public func togglePause(_ name: String) async throws { try await base.togglePause(name) }
    public func pause(_ name: String) async throws { try await base.pause(name) }
    public func resume(_ name: String) async throws { try await base.resume(name) }
    public func reload() async throws -> ReloadSummary? { try await reloader() }
    public func token(for name: String) async -> IssuedToken? { await base.token(for: name) }
}
