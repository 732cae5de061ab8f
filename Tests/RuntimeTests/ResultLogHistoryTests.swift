import Dashboard
import Foundation
import ResultLog
import TestFixtures
import Testing
import TokenModel

@testable import Runtime

/// The refresher's history source: the result log read back off the cooperative pool, what it
/// could not read logged; and the messages that bring history to a starting screen.
@Suite struct ResultLogHistoryTests {
    static func line(_ seconds: TimeInterval, profile: String) -> String {
        let record = AttemptRecord(
            profile: profile, trigger: .manual, startedAt: Date().addingTimeInterval(-seconds),
            latency: .milliseconds(40),
            httpStatus: 200, resultCode: .number(0), outcome: .success, tokenFingerprint: "0123456789ab")
        return ResultLogEntry(record: record, merchant: "M", host: "h", nextRefreshAt: nil).jsonLine
    }

    @Test func readsTheLogAndLogsWhatItSkipped() async throws {
        let directory = try ScratchDirectory()
        let path = try directory.write(
            "results.jsonl",
            [
                Self.line(90_000, profile: "old-pay"), Self.line(60, profile: "a-pay"), "torn {",
                Self.line(30, profile: "b-pay"),
            ]
            .joined(separator: "\n") + "\n")
        let log = LogCapture()
        let source = ResultLogHistory(tail: ResultLogTail(path: path), profiles: { nil }, logger: log.logger)
        let bounds = AttemptHistory.bounds(now: Date(), since: nil, limit: nil)
        let history = await source.history(since: bounds.since, limit: bounds.limit)
        #expect(history.records.map(\.profile) == ["a-pay", "b-pay"], "older than 24 h is left out")
        #expect(history.skipped == 1)
        #expect(log.all.contains { $0.contains("1 unreadable lines skipped") && $0.contains(path) }, "\(log.all)")
    }

    @Test func messagesCarryTheAttemptsAndNameWhatWasRefused() {
        let record = AttemptRecord(profile: "a-pay", trigger: .manual, startedAt: Date(), outcome: .success)
        #expect(HistoryAtStart.messages(AttemptHistory()).isEmpty)
        let messages = HistoryAtStart.messages(
            AttemptHistory(records: [record], skipped: 2, problems: ["/x/results.jsonl is a symbolic link", "another"]))
        #expect(messages.count == 2)
        guard case .history(let records, let skipped) = messages.first, case .notice(let text) = messages.last else {
            Issue.record("\(messages)")
            return
        }
        #expect(records == [record] && skipped == 2)
        #expect(text.contains("symbolic link") && text.contains("1 more"), "\(text)")
    }
}
