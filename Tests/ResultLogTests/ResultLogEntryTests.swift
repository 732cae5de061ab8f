import Foundation
import Testing

@testable import ResultLog
@testable import TokenModel

/// The result log's line, byte for byte: the fixed key order and every kind of value.
@Suite struct ResultLogEntryTests {
    static let start = Date(timeIntervalSince1970: 1_795_669_000)

    static func entry(code: ResultCode?, notes: [String], raw: Int64?, text: String?) -> ResultLogEntry {
        var record = AttemptRecord(
            profile: "p \"1\"", trigger: .retry, startedAt: start, latency: .milliseconds(1234), httpStatus: 200,
            resultCode: code, resultMessage: text, outcome: .success, error: text.map { "e: " + $0 },
            expiryRaw: raw, expiryMs: 1_795_669_300_000, expiresAt: Date(timeIntervalSince1970: 1_795_669_300),
            tokenFingerprint: "0123456789ab", skew: .milliseconds(-250))
        record.attempt = 3
        record.notes = notes
        return ResultLogEntry(
            record: record, merchant: "Mérchant\\", host: "h:1",
            nextRefreshAt: Date(timeIntervalSince1970: 1_795_669_200))
    }

    @Test func everyFieldInItsPlace() {
        let full = Self.entry(code: .text("E1"), notes: ["a\nb", "c"], raw: 1_795_669_300, text: "tab\there")
        #expect(
            full.jsonLine
                == #"{"ts":"2026-11-26T04:56:41.234Z","profile":"p \"1\"","merchant":"Mérchant\\","host":"h:1","httpStatus":200,"resultCode":"E1","resultMessage":"tab\there","outcome":"success","latencyMs":1234,"expiry":1795669300000,"expiresAt":"2026-11-26T05:01:40.000Z","nextRefreshAt":"2026-11-26T05:00:00.000Z","attempt":3,"error":"e: tab\there","tokenFingerprint":"0123456789ab","skewMs":-250,"trigger":"retry","expiryRaw":1795669300,"notes":["a\nb","c"]}"#
        )
        let bare = Self.entry(code: nil, notes: [], raw: nil, text: nil)
        #expect(
            bare.jsonLine
                == #"{"ts":"2026-11-26T04:56:41.234Z","profile":"p \"1\"","merchant":"Mérchant\\","host":"h:1","httpStatus":200,"resultCode":null,"resultMessage":null,"outcome":"success","latencyMs":1234,"expiry":1795669300000,"expiresAt":"2026-11-26T05:01:40.000Z","nextRefreshAt":"2026-11-26T05:00:00.000Z","attempt":3,"error":null,"tokenFingerprint":"0123456789ab","skewMs":-250,"trigger":"retry"}"#
        )
    }
}
