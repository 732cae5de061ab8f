import Foundation
import Logging
import TokenModel

/// The daemon's human lines on stderr, one per refresh outcome. Names no secret and no token:
/// only the fingerprint, resultCode, the server's message and our own error text.
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

    /// `acme: token refreshed (scheduled): HTTP 200, resultCode 0 "Token generated successfully.",
    /// expires 2026-11-24T22:43:08.000Z (in 4:59), fingerprint 5dc17f91dbe3, 12ms`
    public static func success(_ record: AttemptRecord, now: Date) -> String {
        var text = "\(record.profile): token refreshed (\(record.trigger.rawValue)): \(answer(record))"
        if let expiresAt = record.expiresAt {
            text += ", expires \(ISOTime.format(expiresAt)) (in \(CountdownText.format(expiresAt: expiresAt, now: now)))"
        }
        if let fingerprint = record.tokenFingerprint { text += ", fingerprint \(fingerprint)" }
        return oneLine(text + ", \(milliseconds(record.latency))")
    }

    /// `nova: credentials refused (initial): HTTP 401, resultCode 1001 "...": <error>, 8ms` or
    /// `chai: refresh failed (scheduled): HTTP 503, resultCode -: <error>, 3ms` (transient: retried)
    public static func failure(_ record: AttemptRecord) -> String {
        let what = record.outcome == .rejected ? "credentials refused" : "refresh failed"
        var text = "\(record.profile): \(what) (\(record.trigger.rawValue)): \(answer(record))"
        if let error = record.error, !error.isEmpty { text += ": \(error)" }
        return oneLine(text + ", \(milliseconds(record.latency))")
    }

    /// `HTTP 200, resultCode 0 "message"`; `no HTTP answer` when the request never got one.
    public static func answer(_ record: AttemptRecord) -> String {
        var text = record.httpStatus.map { "HTTP \($0)" } ?? "no HTTP answer"
        text += ", resultCode \(record.resultCode?.description ?? "-")"
        if let message = record.resultMessage, !message.isEmpty { text += " \"\(message)\"" }
        return text
    }

    public static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration.seconds * 1000).rounded()))ms"
    }

    /// One journal line per event, however the server formatted its message.
    public static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
