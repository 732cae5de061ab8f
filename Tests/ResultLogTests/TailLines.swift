import Foundation
import ResultLog
import TokenModel

/// Result-log lines as the log writes them, for the tail reader's tests: attempt `n` of a profile
/// finished `n` seconds after `start`.
enum TailLines {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func record(_ n: Int, profile: String = "acme-pay", outcome: AttemptOutcome = .success) -> AttemptRecord {
        AttemptRecord(
            profile: profile, trigger: .scheduled, startedAt: start.addingTimeInterval(Double(n) - 0.25),
            latency: .milliseconds(250), httpStatus: 200, resultCode: .number(0), resultMessage: "Success",
            outcome: outcome, expiryMs: 1_790_003_600_000, expiresAt: start.addingTimeInterval(3600),
            tokenFingerprint: "sha256:0123456789ab")
    }

    static func line(_ n: Int, profile: String = "acme-pay") -> String {
        ResultLogEntry(record: record(n, profile: profile), merchant: "M-1", host: "uat", nextRefreshAt: nil).jsonLine
    }

    /// Lines `range`, oldest first, each ending in a newline.
    static func text(_ range: ClosedRange<Int>, profile: String = "acme-pay") -> String {
        range.map { line($0, profile: profile) + "\n" }.joined()
    }
}
