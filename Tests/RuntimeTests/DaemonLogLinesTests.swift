import Foundation
import Testing

@testable import Runtime
@testable import TokenModel

/// The daemon's line per attempt: the profile with what started it and how long it took, what
/// happened, status and code, then the server's words. No `.:`, nothing said twice.
@Suite struct DaemonLogLinesTests {
    static let now = Date(timeIntervalSince1970: 1_795_669_000)

    @Test func aRejectionIsOneReadableSentence() {
        let record = AttemptRecord(
            profile: "nova", trigger: .initial, startedAt: Self.now, latency: .milliseconds(8), httpStatus: 401,
            resultCode: .number(1001), resultMessage: "Invalid accessKey or secretKey.", outcome: .rejected,
            error: "credentials refused")
        let line = DaemonLogLines.failure(record)
        #expect(
            line
                == "nova (initial, 8ms): credentials refused (HTTP 401, resultCode 1001): Invalid accessKey or secretKey."
        )
        #expect(!line.contains(".:"))
        #expect(line.components(separatedBy: "credentials refused").count == 2, "said once")
    }

    @Test func aTransientFailureWithoutAnAnswer() {
        let record = AttemptRecord(
            profile: "chai", trigger: .retry, startedAt: Self.now, latency: .seconds(10), outcome: .transient,
            error: "no complete answer within 10s (timeout)")
        #expect(DaemonLogLines.failure(record) == "chai (retry, 10000ms): no complete answer within 10s (timeout)")
    }

    @Test func aSuccessNamesFingerprintAndExpiryBeforeTheServersWords() {
        let record = AttemptRecord(
            profile: "acme", trigger: .scheduled, startedAt: Self.now, latency: .milliseconds(12), httpStatus: 200,
            resultCode: .number(0), resultMessage: "Token generated successfully.", outcome: .success,
            expiresAt: Self.now.addingTimeInterval(299), tokenFingerprint: "5dc17f91dbe3")
        #expect(
            DaemonLogLines.success(record, now: Self.now)
                == "acme (scheduled, 12ms): token refreshed, fingerprint 5dc17f91dbe3, expires 2026-11-26T05:01:39.000Z in 4:59 "
                + "(HTTP 200, resultCode 0): Token generated successfully.")
    }
}
