import Foundation
import TokenModel

/// Snapshots and records as the auth service would produce them, with distinctive values the
/// tests search the output for.
enum Statuses {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    /// A fingerprint that must never show up in metrics or health text.
    static let fingerprint = "f1ng3rpr1nt9"

    static func status(
        _ name: String, state: ProfileState, expiresIn: TimeInterval? = nil, enabled: Bool = true,
        lastSuccessAgo: TimeInterval? = nil, lastAttempt: AttemptRecord? = nil
    ) -> ProfileStatus {
        ProfileStatus(
            name: name, merchant: "Merchant \(name)", environment: "sandbox", host: "example.test",
            baseURL: "https://example.test", maskedAccessKey: "AKXX••••••••ZZ", tags: ["t"], enabled: enabled,
            paused: false, state: state, tokenFingerprint: expiresIn == nil ? nil : fingerprint,
            issuedAt: expiresIn == nil ? nil : now.addingTimeInterval(-60),
            expiresAt: expiresIn.map { now.addingTimeInterval($0) }, serverExpiryMs: nil, nextRefreshAt: nil,
            attempts: 1, lastAttempt: lastAttempt, lastSuccessAt: lastSuccessAgo.map { now.addingTimeInterval(-$0) })
    }

    static func record(
        _ name: String, outcome: AttemptOutcome, code: ResultCode?, latency: Duration = .milliseconds(40),
        http: Int? = 200, message: String? = nil, error: String? = nil
    ) -> AttemptRecord {
        AttemptRecord(
            profile: name, trigger: .scheduled, startedAt: now, latency: latency, httpStatus: http, resultCode: code,
            resultMessage: message, outcome: outcome, error: error,
            tokenFingerprint: outcome == .success ? fingerprint : nil)
    }
}

extension String {
    /// The sample lines (no comments) of a Prometheus exposition.
    var samples: [String] { split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") } }
}
