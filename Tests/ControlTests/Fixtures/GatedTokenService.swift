import Foundation
import TokenModel

/// A `TokenService` whose refreshes all wait until `open()`: to hold requests in flight and
/// count how many the server lets run at once.
actor GatedTokenService: TokenService {
    let calls = HeldCalls()

    var started: Int { get async { await calls.started } }
    var mostAtOnce: Int { get async { await calls.mostAtOnce } }
    func open() async { await calls.open() }
    func waitForStarted(_ count: Int) async -> Int { await calls.waitForStarted(count) }

    func snapshot() -> [ProfileStatus] { [FakeTokenService.status("alpha")] }

    func events() -> AsyncStream<AuthEvent> { AsyncStream { _ in } }

    func refresh(_ name: String, force: Bool = false) async throws -> AttemptRecord? {
        await calls.enter()
        return AttemptRecord(
            profile: name, trigger: .manual, startedAt: Date(epochMilliseconds: 1_800_000_000_000),
            latency: .milliseconds(5),
            httpStatus: 200, resultCode: .number(0), resultMessage: "Token generated successfully.", outcome: .success,
            tokenFingerprint: "0123456789ab")
    }

    func refreshAll(includeRejected: Bool) async throws -> [String] { [] }
    func togglePause(_ name: String) async throws {}
    func pause(_ name: String) async throws {}
    func resume(_ name: String) async throws {}
    func reload() async throws -> ReloadSummary? { nil }
    func token(for name: String) async -> IssuedToken? { nil }

}
