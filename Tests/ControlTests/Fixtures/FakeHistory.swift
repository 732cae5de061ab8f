import Foundation
import Synchronization
import TokenModel

/// An `AttemptHistorySource` that answers from memory and remembers what it was asked.
final class FakeHistory: AttemptHistorySource {
    let records: [AttemptRecord]
    let skipped: Int
    let asked = Mutex<[(since: Date, limit: Int)]>([])

    init(records: [AttemptRecord], skipped: Int = 0) {
        self.records = records
        self.skipped = skipped
    }

    func history(since: Date, limit: Int) async -> AttemptHistory {
        asked.withLock { $0.append((since, limit)) }
        return AttemptHistory(records: Array(records.filter { $0.finishedAt >= since }.suffix(limit)), skipped: skipped)
    }

    /// Attempt `n` finished `n` seconds after `start`, with a token fingerprint.
    static func record(_ n: Int, start: Date) -> AttemptRecord {
        AttemptRecord(
            profile: n % 2 == 0 ? "alpha" : "beta", trigger: .manual, startedAt: start.addingTimeInterval(Double(n)),
            latency: .milliseconds(120), httpStatus: 200, resultCode: .number(0), resultMessage: "Success",
            outcome: .success,
            expiresAt: start.addingTimeInterval(3600), tokenFingerprint: "5dc17f91dbe3")
    }
}
