import Synchronization
import TokenModel

/// Every profile's `ProfileHistory`, computed from the attempt log once per change of the log
/// (tagged with its `AttemptLogVersion`), not on every frame: with thousands of records and the
/// once-a-second tick, a pass over the log per frame would make an idle screen busy.
final class ProfileHistoryCache: Sendable, Equatable {
    private let cached = Mutex<(version: AttemptLogVersion, histories: [String: ProfileHistory])?>(nil)

    /// The histories of `log`, grouped again only when the log changed since the last call.
    func histories(of log: AttemptLog) -> [String: ProfileHistory] {
        cached.withLock { cached in
            if let cached, cached.version.value == log.version.value { return cached.histories }
            let histories = ProfileHistory.grouped(log.chronological)
            cached = (log.version, histories)
            return histories
        }
    }

    /// The cache never makes two states differ.
    static func == (lhs: ProfileHistoryCache, rhs: ProfileHistoryCache) -> Bool { true }
}
