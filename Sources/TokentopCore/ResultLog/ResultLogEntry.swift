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
        // Grown in place: an array of (key, value) string pairs and their join was a string and
        // an array allocation per field for every line.
        let r = record
        var line = "{"
        line.reserveCapacity(400)
        func field(_ key: StaticString, _ value: String) {
            if line.utf8.count > 1 { line += "," }
            line += "\""
            line += key.description
            line += "\":"
            line += value
        }
        field("ts", JSONText.quote(ISOTime.format(r.finishedAt)))
        field("profile", JSONText.quote(r.profile))
        field("merchant", JSONText.quote(merchant))
        field("host", JSONText.quote(host))
        field("httpStatus", r.httpStatus.map(String.init) ?? "null")
        field("resultCode", Self.code(r.resultCode))
        field("resultMessage", r.resultMessage.map(JSONText.quote) ?? "null")
        field("outcome", JSONText.quote(r.outcome.rawValue))
        field("latencyMs", String(Int64((r.latency.seconds * 1000).rounded())))
        field("expiry", r.expiryMs.map(String.init) ?? "null")
        field("expiresAt", r.expiresAt.map { JSONText.quote(ISOTime.format($0)) } ?? "null")
        field("nextRefreshAt", nextRefreshAt.map { JSONText.quote(ISOTime.format($0)) } ?? "null")
        field("attempt", String(r.attempt))
        field("error", r.error.map(JSONText.quote) ?? "null")
        field("tokenFingerprint", r.tokenFingerprint.map(JSONText.quote) ?? "null")
        field("skewMs", r.skew.map { String(Int64(($0.seconds * 1000).rounded())) } ?? "null")
        field("trigger", JSONText.quote(r.trigger.rawValue))
        if r.expiryRaw != r.expiryMs, let raw = r.expiryRaw { field("expiryRaw", String(raw)) }
        if !r.notes.isEmpty { field("notes", "[" + r.notes.map(JSONText.quote).joined(separator: ",") + "]") }
        line += "}"
        return line
    }

    private static func code(_ code: ResultCode?) -> String {
        switch code {
        case nil: "null"
        case .number(let value): String(value)
        case .text(let value): JSONText.quote(value)
        }
    }
}
