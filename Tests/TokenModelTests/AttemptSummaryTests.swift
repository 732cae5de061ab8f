import Foundation
import Testing

@testable import TokenModel

/// `AttemptRecord.summary`: what happened, then status and code, then the server's words; no
/// `.:`, nothing said twice.
@Suite struct AttemptSummaryTests {
    static func record(
        _ outcome: AttemptOutcome, http: Int? = nil, code: ResultCode? = nil, message: String? = nil,
        error: String? = nil
    ) -> AttemptRecord {
        AttemptRecord(
            profile: "nova", trigger: .initial, startedAt: Date(timeIntervalSince1970: 0), httpStatus: http,
            resultCode: code, resultMessage: message, outcome: outcome, error: error)
    }

    @Test func aRejectionReadsInOrder() {
        let refused = Self.record(
            .rejected, http: 401, code: .number(1001), message: "Invalid accessKey or secretKey.",
            error: "credentials refused")
        #expect(refused.summary() == "credentials refused (HTTP 401, resultCode 1001): Invalid accessKey or secretKey.")
        #expect(refused.shortSummary == "credentials refused: Invalid accessKey or secretKey.")
        #expect(!refused.summary().contains(".:"))
    }

    @Test func aHintStaysAfterTheStatus() {
        let limited = Self.record(.transient, http: 429, error: "rate limited; Retry-After 5s")
        #expect(limited.summary() == "rate limited (HTTP 429); Retry-After 5s")
        let redirect = Self.record(
            .transient, http: 302, error: "redirect not followed; check baseURL (it points to /x)")
        #expect(redirect.summary() == "redirect not followed (HTTP 302); check baseURL (it points to /x)")
    }

    @Test func partsAlreadySaidAreNotRepeated() {
        // An older record (a result log, an older daemon) whose error names its status.
        let old = Self.record(.rejected, http: 401, code: .number(7), error: "HTTP 401: credentials refused")
        #expect(old.summary() == "HTTP 401: credentials refused (resultCode 7)")
        let despite = Self.record(
            .transient, http: 200, code: .number(0), error: "no token in the answer despite resultCode 0")
        #expect(despite.summary() == "no token in the answer despite resultCode 0 (HTTP 200)")
    }

    @Test func withoutAnAnswerOnlyOurWordsRemain() {
        let timeout = Self.record(.transient, error: "no complete answer within 10s (timeout)")
        #expect(timeout.summary() == "no complete answer within 10s (timeout)")
        #expect(Self.record(.rejected, http: 403).summary() == "credentials refused (HTTP 403)")
        #expect(Self.record(.transient).shortSummary == "request failed")
    }

    @Test func aSuccessNamesItsHeadlineAndTheServersWords() {
        let ok = Self.record(.success, http: 200, code: .number(0), message: " Token generated successfully.\n")
        #expect(
            ok.summary(headline: "token refreshed")
                == "token refreshed (HTTP 200, resultCode 0): Token generated successfully.")
        #expect(ok.shortSummary == "Token generated successfully.")
        #expect(Self.record(.success).shortSummary == "token issued")
        // A blank message is no message.
        #expect(
            Self.record(.rejected, http: 401, message: "  ", error: "credentials refused").summary()
                == "credentials refused (HTTP 401)")
    }
}
