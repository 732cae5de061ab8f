import Foundation
import TokenModel

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
    public var jsonLine: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The same as bytes, written field by field (`JSONBytes`), as the log writes them.
    public var jsonBytes: [UInt8] {
        let r = record
        var out = JSONBytes(capacity: 448)
        out.raw("{\"ts\":")
        out.string(ISOTime.format(r.finishedAt))
        out.raw(",\"profile\":")
        out.string(r.profile)
        out.raw(",\"merchant\":")
        out.string(merchant)
        out.raw(",\"host\":")
        out.string(host)
        out.raw(",\"httpStatus\":")
        out.int(r.httpStatus)
        out.raw(",\"resultCode\":")
        out.code(r.resultCode)
        out.raw(",\"resultMessage\":")
        out.string(r.resultMessage)
        out.raw(",\"outcome\":")
        out.string(r.outcome.rawValue)
        out.raw(",\"latencyMs\":")
        out.int(Int64((r.latency.seconds * 1000).rounded()))
        out.raw(",\"expiry\":")
        out.int(r.expiryMs)
        out.raw(",\"expiresAt\":")
        out.string(r.expiresAt.map(ISOTime.format))
        out.raw(",\"nextRefreshAt\":")
        out.string(nextRefreshAt.map(ISOTime.format))
        out.raw(",\"attempt\":")
        out.int(r.attempt)
        out.raw(",\"error\":")
        out.string(r.error)
        out.raw(",\"tokenFingerprint\":")
        out.string(r.tokenFingerprint)
        out.raw(",\"skewMs\":")
        out.int(r.skew.map { Int64(($0.seconds * 1000).rounded()) })
        out.raw(",\"trigger\":")
        out.string(r.trigger.rawValue)
        if r.expiryRaw != r.expiryMs, let raw = r.expiryRaw {
            out.raw(",\"expiryRaw\":")
            out.int(raw)
        }
        if !r.notes.isEmpty {
            out.raw(",\"notes\":[")
            for (index, note) in r.notes.enumerated() {
                if index > 0 { out.raw(",") }
                out.string(note)
            }
            out.raw("]")
        }
        out.raw("}")
        return out.bytes
    }
}
