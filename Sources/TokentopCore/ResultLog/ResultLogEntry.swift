import Foundation

/// One line of the result log: what EnKash answered to one token request. Never the token.
public struct ResultLogEntry: Sendable, Equatable {
    public var record: AttemptRecord
    public var merchant: String
    public var host: String
    public var nextRefreshAt: Date?

    public init(record: AttemptRecord, merchant: String, host: String, nextRefreshAt: Date?) {
        self.record = record
        self.merchant = merchant
        self.host = host
        self.nextRefreshAt = nextRefreshAt
    }

    /// The JSON object, keys in a fixed order, no trailing newline.
    public var jsonLine: String {
        let r = record
        var fields: [(String, String)] = [
            ("ts", JSONText.quote(ISOTime.format(r.finishedAt))),
            ("profile", JSONText.quote(r.profile)),
            ("merchant", JSONText.quote(merchant)),
            ("host", JSONText.quote(host)),
            ("httpStatus", r.httpStatus.map(String.init) ?? "null"),
            ("resultCode", Self.code(r.resultCode)),
            ("resultMessage", r.resultMessage.map(JSONText.quote) ?? "null"),
            ("outcome", JSONText.quote(r.outcome.rawValue)),
            ("latencyMs", String(Int64((r.latency.seconds * 1000).rounded()))),
            ("expiry", r.expiryMs.map(String.init) ?? "null"),
            ("expiresAt", r.expiresAt.map { JSONText.quote(ISOTime.format($0)) } ?? "null"),
            ("nextRefreshAt", nextRefreshAt.map { JSONText.quote(ISOTime.format($0)) } ?? "null"),
            ("attempt", String(r.attempt)),
            ("error", r.error.map(JSONText.quote) ?? "null"),
            ("tokenFingerprint", r.tokenFingerprint.map(JSONText.quote) ?? "null"),
            ("skewMs", r.skew.map { String(Int64(($0.seconds * 1000).rounded())) } ?? "null"),
            ("trigger", JSONText.quote(r.trigger.rawValue)),
        ]
        if r.expiryRaw != r.expiryMs, let raw = r.expiryRaw { fields.append(("expiryRaw", String(raw))) }
        if !r.notes.isEmpty { fields.append(("notes", "[" + r.notes.map(JSONText.quote).joined(separator: ",") + "]")) }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private static func code(_ code: ResultCode?) -> String {
        switch code {
        case nil: "null"
        case .number(let value): String(value)
        case .text(let value): JSONText.quote(value)
        }
    }
}
