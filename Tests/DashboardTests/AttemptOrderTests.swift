import Dashboard
import Foundation
import Testing
import TokenModel

/// The log pane lists and times attempts by when they finished, so its times only go down even
/// when attempts overlap.
@Suite struct AttemptOrderTests {
    /// A slow attempt started first and finished last; a quick one started and finished in between.
    private static let slow = Fixture.record("slow-pay", at: -20, .transient, ms: 15_000, error: "timed out after 15s")
    private static let quick = Fixture.record(
        "quick-pay", at: -10, .success, code: .number(0), message: "Success", ms: 1_000)

    private static func logLines(_ log: Dashboard.AttemptLog) -> [String] {
        let state = DashboardState(
            profiles: [], configSource: "DEMO", size: TerminalSize(cols: 100, rows: 30), now: Fixture.now,
            timeZone: .gmt, log: log)
        return view(state).text.split(separator: "\n").map(String.init).filter { $0.contains("-pay ") }
    }

    @Test func showsFinishTimesNewestFinishedFirst() {
        // Reported as they finished: quick (at -9 s), then slow (at -5 s).
        let lines = Self.logLines(Dashboard.AttemptLog(records: [Self.quick, Self.slow]))
        #expect(lines.count == 2)
        #expect(lines[0].contains("20:21:55  slow-pay"), "\(lines)")
        #expect(lines[1].contains("20:21:51  quick-pay"), "\(lines)")
    }

    @Test func anAttemptReportedLateTakesItsPlace() {
        var log = Dashboard.AttemptLog(capacity: 3)
        let later = Fixture.record("later-pay", at: -2, .success, ms: 100)
        log.append(Self.slow)
        log.append(later)
        log.append(Self.quick)
        #expect(log.newestFirst.map(\.profile) == ["later-pay", "slow-pay", "quick-pay"])
        let times = log.newestFirst.map(\.finishedAt)
        #expect(times == times.sorted(by: >))
    }

    @Test func aFullLogDropsTheOldestFinished() {
        var log = Dashboard.AttemptLog(capacity: 2)
        log.append(Fixture.record("b-pay", at: -5, .success, ms: 0))
        log.append(Fixture.record("c-pay", at: -1, .success, ms: 0))
        // Finished before both: older than everything kept, so it is the one that goes.
        log.append(Fixture.record("a-pay", at: -9, .success, ms: 0))
        #expect(log.newestFirst.map(\.profile) == ["c-pay", "b-pay"])
        // Finished between them: b-pay, now the oldest, goes.
        log.append(Fixture.record("bc-pay", at: -3, .success, ms: 0))
        #expect(log.newestFirst.map(\.profile) == ["c-pay", "bc-pay"])
        // In order again: the ring buffer carries on.
        log.append(Fixture.record("d-pay", at: 0, .success, ms: 0))
        #expect(log.newestFirst.map(\.profile) == ["d-pay", "c-pay"])
    }

    @Test func theHeadingSaysWhichTime() {
        let state = DashboardState(
            profiles: [], configSource: "DEMO", size: TerminalSize(cols: 100, rows: 30), now: Fixture.now,
            timeZone: .gmt, log: Dashboard.AttemptLog(records: [Self.quick]))
        #expect(view(state).text.contains("FINISHED  PROFILE"))
    }
}
