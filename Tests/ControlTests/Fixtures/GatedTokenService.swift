import Foundation
import TokenModel

/// A `TokenService` whose refreshes all wait until `open()`: to hold requests in flight and
/// count how many the server lets run at once.
actor GatedTokenService: TokenService {
    private(set) var started = 0
    private(set) var running = 0
    private(set) var mostAtOnce = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }

    func snapshot() -> [ProfileStatus] { [FakeTokenService.status("alpha")] }

    func events() -> AsyncStream<AuthEvent> { AsyncStream { _ in } }

    func refresh(_ name: String, force: Bool = false) async throws -> AttemptRecord? {
        started += 1
        running += 1
        mostAtOnce = max(mostAtOnce, running)
        if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        running -= 1
        return AttemptRecord(
            profile: name, trigger: .manual, startedAt: Date(epochMilliseconds: 1_800_000_000_000), latency: .milliseconds(5),
            httpStatus: 200, resultCode: .number(0), resultMessage: "Token generated successfully.", outcome: .success,
            tokenFingerprint: "0123456789ab")
    }

    func refreshAll(includeRejected: Bool) async throws -> [String] { [] }
    func togglePause(_ name: String) async throws {}
    func pause(_ name: String) async throws {}
    func resume(_ name: String) async throws {}
    func reload() async throws -> ReloadSummary? { nil }
    func token(for name: String) async -> IssuedToken? { nil }

    /// Polls (with `Task.sleep`) until `started` reaches `count`, for at most `limit`.
    func waitForStarted(_ count: Int, limit: Duration = .seconds(10)) async -> Int {
        let deadline = ContinuousClock.now + limit
        while started < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return started
    }
}
