import TokenModel

/// A `TokenService` with nothing to refresh, for a control server that only has to answer.
struct StaticTokenService: TokenService {
    func snapshot() async -> [ProfileStatus] { [] }
    func events() async -> AsyncStream<AuthEvent> { AsyncStream { $0.finish() } }
    func refresh(_ name: String, force: Bool) async throws -> AttemptRecord? { nil }
    func refreshAll(includeRejected: Bool) async throws -> [String] { [] }
    func togglePause(_ name: String) async throws {}
    func pause(_ name: String) async throws {}
    func resume(_ name: String) async throws {}
    func reload() async throws -> ReloadSummary? { nil }
    func token(for name: String) async -> IssuedToken? { nil }
}
