import Foundation
import Synchronization
import TokenModel

/// A `TokenDelivery` that records what it was handed (fingerprints only) and how many calls ran
/// at once; optionally holds every call until `release()`.
final class RecordingDelivery: TokenDelivery {
    private struct State {
        var started: [String] = []
        var finished: [String] = []
        var active: [String: Int] = [:]
        var maxActive = 0
        var holding = false
        var held: [CheckedContinuation<Void, Never>] = []
        /// Whether the result log already held the token's line when its delivery started.
        var loggedFirst: [Bool] = []
    }

    private let state = Mutex(State())
    private let logPath: String?

    init(holding: Bool = false, logPath: String? = nil) {
        self.logPath = logPath
        state.withLock { $0.holding = holding }
    }

    var started: [String] { state.withLock { $0.started } }
    var finished: [String] { state.withLock { $0.finished } }
    /// Most calls for one profile that ran at the same time.
    var maxActive: Int { state.withLock { $0.maxActive } }
    var heldCount: Int { state.withLock { $0.held.count } }
    var loggedFirst: [Bool] { state.withLock { $0.loggedFirst } }

    func release() {
        let held = state.withLock { state in
            state.holding = false
            defer { state.held.removeAll() }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    func deliver(_ token: IssuedToken, for profile: Profile) async -> SinkReport? {
        let logged = logPath.map {
            ((try? String(contentsOfFile: $0, encoding: .utf8)) ?? "").contains(token.fingerprint)
        }
        state.withLock { state in
            state.started.append(token.fingerprint)
            state.active[profile.name, default: 0] += 1
            state.maxActive = max(state.maxActive, state.active[profile.name, default: 0])
            if let logged { state.loggedFirst.append(logged) }
        }
        await withCheckedContinuation { continuation in
            let hold = state.withLock { state in
                if state.holding { state.held.append(continuation) }
                return state.holding
            }
            if !hold { continuation.resume() }
        }
        for _ in 0..<10 { await Task.yield() }
        state.withLock { state in
            state.active[profile.name, default: 0] -= 1
            state.finished.append(token.fingerprint)
        }
        return SinkReport(
            profile: profile.name, path: "/fake/\(profile.name)", format: .raw, tokenFingerprint: token.fingerprint,
            ok: true, at: Date(timeIntervalSince1970: 0))
    }
}
