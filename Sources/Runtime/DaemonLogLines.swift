import Foundation
import Logging
import TokenModel

/// The daemon's human lines on stderr, one per refresh outcome. Names no secret and no token:
/// only the fingerprint, resultCode, the server's message and our own error text. The log
/// handler (`EscapingLogHandler`) escapes what a server sent and keeps each line one line.
public enum DaemonLogLines {
    /// Logs what an auth event means to an operator reading the journal.
    public static func log(_ event: AuthEvent, to logger: Logger, now: Date = Date()) {
        switch event {
        case .attemptFinished(let record):
            switch record.outcome {
            case .success: logger.info("\(success(record, now: now))")
            case .transient, .rejected: logger.warning("\(failure(record))")
            }
        case .stateChanged(let status) where status.state == .expired:
            logger.warning("\(status.name): token expired and no new one yet")
        default:
            break
        }
    }

    /// `acme (scheduled, 12ms): token refreshed, fingerprint 5dc17f91dbe3, expires
    /// 2026-11-24T22:43:08.000Z in 4:59 (HTTP 200, resultCode 0): Token generated successfully.`
    public static func success(_ record: AttemptRecord, now: Date) -> String {
        var headline = "token refreshed"
        if let fingerprint = record.tokenFingerprint { headline += ", fingerprint \(fingerprint)" }
        if let expiresAt = record.expiresAt {
            headline +=
                ", expires \(ISOTime.format(expiresAt)) in \(CountdownText.format(expiresAt: expiresAt, now: now))"
        }
        return "\(subject(record)): \(record.summary(headline: headline))"
    }

    /// `nova (initial, 8ms): credentials refused (HTTP 401, resultCode 1001): Invalid accessKey or
    /// secretKey.` or `chai (scheduled, 3ms): server error (HTTP 503)` (transient: retried).
    public static func failure(_ record: AttemptRecord) -> String {
        "\(subject(record)): \(record.summary())"
    }

    /// `acme (scheduled, 12ms)`: the profile, what started the attempt and how long it took.
    static func subject(_ record: AttemptRecord) -> String {
        "\(record.profile) (\(record.trigger.rawValue), \(milliseconds(record.latency)))"
    }

    public static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration.seconds * 1000).rounded()))ms"
    }

    /// One journal line per event, however the server formatted its message.
    public static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
