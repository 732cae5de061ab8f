import Foundation
import Testing

@testable import Runtime
@testable import TokenModel

/// `check --json`'s array, written byte by byte: its exact layout, and every kind of value
/// (escapes, text result codes, nulls, negative numbers) read back as sent. Fake values only.
@Suite struct CheckReportTests {
    static let now = Date(timeIntervalSince1970: 1_795_669_000)

    static func result(
        _ name: String, outcome: AttemptOutcome = .success, status: Int? = 200, code: ResultCode? = .number(0),
        message: String? = "Token generated successfully.", error: String? = nil, token: Bool = true
    ) -> CheckResult {
        let record = AttemptRecord(
            profile: name, trigger: .check, startedAt: now, latency: .milliseconds(12), httpStatus: status,
            resultCode: code, resultMessage: message, outcome: outcome, error: error,
            expiryMs: token ? 1_795_669_300_000 : nil, tokenFingerprint: token ? "0123456789ab" : nil)
        let issued =
            token
            ? IssuedToken(
                value: SecretString("fake-token-value"), issuedAt: now, serverExpiryMs: 1_795_669_300_000,
                expiresAt: Date(timeIntervalSince1970: 1_795_669_300))
            : nil
        return CheckResult(record: record, token: issued)
    }

    @Test func layoutOfOneEntry() {
        let text = CheckReport.json([Self.result("good")], now: Self.now)
        #expect(
            text == """
                [
                  {"profile": "good", "ok": true, "outcome": "success", "httpStatus": 200, "resultCode": 0, \
                "resultMessage": "Token generated successfully.", "expiry": 1795669300000, "expiresAt": \
                "2026-11-26T05:01:40.000Z", "remainingSeconds": 300, "tokenFingerprint": "0123456789ab", \
                "latencyMs": 12, "error": null, "proxy": "direct"}
                ]

                """)
        #expect(CheckReport.json([], now: Self.now) == "[\n\n]\n")
    }

    @Test func theProxyIsShownAsHostAndPortOrDirect() throws {
        var proxied = Self.result("proxied")
        proxied.proxy = "[2001:db8::5]:3128"
        let results = [proxied, Self.result("direct")]
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(CheckReport.json(results, now: Self.now).utf8))
                as? [[String: Any]])
        #expect(array.map { $0["proxy"] as? String } == ["[2001:db8::5]:3128", "direct"])
        let lines = CheckReport.table(results, now: Self.now, timeZone: .gmt).split(separator: "\n")
        #expect(lines.first?.contains("PROXY") == true)
        #expect(lines.first { $0.hasPrefix("proxied ") }?.contains(" [2001:db8::5]:3128 ") == true)
        #expect(lines.first { $0.hasPrefix("direct ") }?.contains(" direct ") == true)
    }

    @Test func everyKindOfValueReadsBackAsSent() throws {
        let awkward = "q\"uote \\ back\nline\ttab \u{2028} ₹ 🙂 \u{01}"
        let results = [
            Self.result("good"),
            Self.result(
                "refused", outcome: .rejected, status: 401, code: .text("E-1001 \"bad\""), message: awkward,
                token: false),
            Self.result(
                "down", outcome: .transient, status: nil, code: .number(-42), message: nil, error: "timeout \\ 3s",
                token: false),
            Self.result(
                "näme \"x\"", outcome: .transient, status: 503, code: nil, message: nil, error: nil, token: false),
        ]
        let text = CheckReport.json(results, now: Self.now)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.map { $0["profile"] as? String } == ["good", "refused", "down", "näme \"x\""])
        #expect(array[1]["resultCode"] as? String == "E-1001 \"bad\"")
        #expect(array[1]["resultMessage"] as? String == awkward)
        #expect(array[1]["ok"] as? Bool == false)
        #expect(array[1]["expiresAt"] is NSNull && array[1]["remainingSeconds"] is NSNull)
        #expect(array[2]["resultCode"] as? Int == -42)
        #expect(array[2]["httpStatus"] is NSNull && array[2]["resultMessage"] is NSNull)
        #expect(array[2]["error"] as? String == "timeout \\ 3s")
        #expect(array[3]["resultCode"] is NSNull && array[3]["error"] is NSNull)
        #expect(array.allSatisfy { $0.count == 13 })
        #expect(!text.contains("fake-token-value"), "the token itself is never printed")
    }

    @Test(arguments: [0, 7, -7, 10, 1_795_669_300_000, Int(Int64.max), Int(Int64.min)])
    func integersAreWrittenAsSwiftPrintsThem(value: Int) {
        var out = JSONBytes()
        out.int(value)
        #expect(String(decoding: out.bytes, as: UTF8.self) == String(value))
    }
}
