import Foundation
import Testing
import TokenModel

/// The notice a dashboard shows when a refresh was answered with the last attempt's record.
@Suite struct RefreshAnswerTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aReusedRecordSaysHowOldItIsAndWhy() {
        let record = AttemptRecord(
            profile: "acme", trigger: .manual, startedAt: Self.at, latency: .milliseconds(200), outcome: .success)
        let answer = RefreshAnswer(record: record, reusedWithin: .seconds(5))
        #expect(answer.reused)
        #expect(
            answer.reuseNotice(now: Self.at.addingTimeInterval(3.2))
                == "acme: refreshed 3 s ago; showing that result (one request per 5 s)")
    }

    @Test func aNewRecordHasNoNotice() {
        let record = AttemptRecord(profile: "acme", trigger: .manual, startedAt: Self.at, outcome: .success)
        #expect(!RefreshAnswer(record: record).reused)
        #expect(RefreshAnswer(record: record).reuseNotice(now: Self.at) == nil)
    }
}
