import Foundation
import TokenModel

/// A `TokenService` that answers from memory and records the commands it got.
actor FakeTokenService: TokenService {
    var profiles: [ProfileStatus]
    private(set) var refreshed: [String] = []
    private(set) var toggled: [String] = []
    /// `pause`/`resume` calls, as "pause alpha" / "resume alpha".
    private(set) var pauseCalls: [String] = []
    private(set) var reloads = 0
    private var followers: [AsyncStream<AuthEvent>.Continuation] = []

    init(names: [String] = ["alpha", "beta"]) {
        profiles = names.map { FakeTokenService.status($0) }
    }

    static func status(_ name: String, state: ProfileState = .valid, paused: Bool = false) -> ProfileStatus {
        ProfileStatus(
            name: name, merchant: "Merchant \(name)", environment: "sandbox", host: "127.0.0.1:1",
            baseURL: "http://127.0.0.1:1",
            maskedAccessKey: "AK••••01", tags: ["t"], enabled: true, paused: paused, state: state,
            tokenFingerprint: "0123456789ab", issuedAt: Date(epochMilliseconds: 1_800_000_000_000),
            expiresAt: Date(epochMilliseconds: 1_800_000_300_000), serverExpiryMs: 1_800_000_300_000, attempts: 1)
    }

    func snapshot() -> [ProfileStatus] { profiles }

    func events() -> AsyncStream<AuthEvent> {
        let (stream, continuation) = AsyncStream<AuthEvent>.makeStream()
        followers.append(continuation)
        return stream
    }

    var followerCount: Int { followers.count }

    func emit(_ event: AuthEvent) {
        for follower in followers { follower.yield(event) }
    }

    func refresh(_ name: String, force: Bool = false) async throws -> AttemptRecord? {
        guard profiles.contains(where: { $0.name == name }) else {
            throw TokenServiceError.remote("no profile named '\(name)'")
        }
        refreshed.append(name)
        return AttemptRecord(
            profile: name, trigger: .manual, startedAt: Date(epochMilliseconds: 1_800_000_000_000),
            latency: .milliseconds(12),
            httpStatus: 200, resultCode: .number(0), resultMessage: "Token generated successfully.", outcome: .success,
            tokenFingerprint: "0123456789ab")
    }

    func refreshAll(includeRejected: Bool) async throws -> [String] {
        refreshed += profiles.map(\.name)
        return []
    }

    func togglePause(_ name: String) async throws {
        toggled.append(name)
        if let index = profiles.firstIndex(where: { $0.name == name }) { profiles[index].paused.toggle() }
    }

    func pause(_ name: String) async throws {
        try setPaused(name, true)
    }

    func resume(_ name: String) async throws {
        try setPaused(name, false)
    }

    private func setPaused(_ name: String, _ paused: Bool) throws {
        guard let index = profiles.firstIndex(where: { $0.name == name }) else {
            throw TokenServiceError.remote("no profile named '\(name)'")
        }
        pauseCalls.append("\(paused ? "pause" : "resume") \(name)")
        profiles[index].paused = paused
    }

    func reload() async throws -> ReloadSummary? {
        reloads += 1
        return ReloadSummary(added: ["gamma"], unchanged: ["alpha", "beta"])
    }

    func token(for name: String) async -> IssuedToken? { nil }
}
