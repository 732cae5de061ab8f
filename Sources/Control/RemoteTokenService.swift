import Foundation
import TokenModel

/// A `TokenService` served by another process (the daemon, or the dashboard holding the lock)
/// over its control socket. Commands go to that process; it is the one refresher. Tokens never
/// cross the socket, so `token(for:)` is always nil.
public struct RemoteTokenService: TokenService {
    public let client: ControlClient

    public init(client: ControlClient) { self.client = client }

    public var hello: ControlHello { client.hello }

    public func snapshot() async -> [ProfileStatus] {
        guard case .snapshot(let profiles, _)? = try? await client.send(.status) else { return [] }
        return profiles
    }

    /// Events as the local service sends them; the subscription's snapshot arrives first as one
    /// `stateChanged` per profile. Use `updates()` to see the snapshot as one.
    public func events() async -> AsyncStream<AuthEvent> {
        let updates = client.subscribe()
        return AsyncStream { continuation in
            let task = Task {
                for await update in updates {
                    switch update {
                    case .snapshot(let profiles): for profile in profiles { continuation.yield(.stateChanged(profile)) }
                    case .event(let event): continuation.yield(event)
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The subscription as snapshot-then-events; finishes when the connection ends.
    public func updates() -> AsyncStream<ControlUpdate> { client.subscribe() }

    public func refresh(_ name: String, force: Bool = false) async throws -> AttemptRecord? {
        try await refreshAnswer(name, force: force)?.record
    }

    public func refreshAnswer(_ name: String, force: Bool = false) async throws -> RefreshAnswer? {
        let result = try await command(.refresh(name, force: force))
        return result.record.map { RefreshAnswer(record: $0, reusedWithin: result.reusedWithin) }
    }

    public func refreshAll(includeRejected: Bool) async throws -> [String] {
        try await command(.refreshAll(includeRejected: includeRejected)).skipped ?? []
    }

    public func togglePause(_ name: String) async throws {
        _ = try await command(.togglePause(name))
    }

    public func pause(_ name: String) async throws {
        _ = try await command(.pause(name))
    }

    public func resume(_ name: String) async throws {
        _ = try await command(.resume(name))
    }

    public func reload() async throws -> ReloadSummary? {
        // A reload whose file was invalid still answers with its summary (errors filled in).
        switch try await client.send(.reload) {
        case .result(let result, _):
            if let summary = result.reload { return summary }
            if !result.ok { throw TokenServiceError.remote(result.error ?? "reload failed") }
            return nil
        case .error(let message, _): throw TokenServiceError.remote(message)
        default: throw TokenServiceError.remote("unexpected reply to reload")
        }
    }

    public func token(for name: String) async -> IssuedToken? { nil }

    private func command(_ request: ControlRequest) async throws -> ControlResult {
        switch try await client.send(request) {
        case .result(let result, _):
            guard result.ok else { throw TokenServiceError.remote(result.error ?? "refused") }
            return result
        case .error(let message, _): throw TokenServiceError.remote(message)
        default: throw TokenServiceError.remote("unexpected reply")
        }
    }
}
