import Dashboard
import Foundation
import Testing
import TokenModel

/// History read back at start lands in the one log of attempts: merged by finish time with the
/// attempts that arrived meanwhile, each once, and the log pane reads only the page it shows.
@Suite struct HistoryTests {
    static func records(_ profile: String, _ times: [Double]) -> [AttemptRecord] {
        times.map { Fixture.record(profile, at: $0, .success, ms: 100) }
    }

    @Test func historyMergesByFinishTimeWithoutDuplicates() {
        var state = Fixture.state()
        state.log = AttemptLog()
        let live = Self.records("bharat-pg-live", [-30, -10])
        for record in live { _ = update(&state, .auth(.attemptFinished(record))) }
        // The history holds an attempt that also arrived as an event (-30), read back from the
        // log with its times kept to the millisecond.
        var echoed = live[0]
        echoed.startedAt = Date(epochMilliseconds: echoed.startedAt.epochMilliseconds)
        let past = Self.records("acme-cards-uat", [-300, -200, -20]) + [echoed]
        // A profile of another profiles file (the default log is shared) is not shown.
        let commands = update(&state, .history(past + Self.records("other-file-pay", [-100]), skipped: 3))
        #expect(commands.isEmpty)
        #expect(state.log.count == 5)
        #expect(
            state.log.chronological.map(\.profile)
                == ["acme-cards-uat", "acme-cards-uat", "bharat-pg-live", "acme-cards-uat", "bharat-pg-live"])
        let times = state.log.chronological.map(\.finishedAt)
        #expect(times == times.sorted())
        #expect(state.historySkipped == 3)
        // The same history twice adds nothing.
        _ = update(&state, .history(past, skipped: 0))
        #expect(state.log.count == 5)
    }

    @Test func anEventOfAnAttemptAlreadyReadBackIsNotAddedAgain() {
        var state = Fixture.state()
        state.log = AttemptLog()
        let record = Fixture.record("acme-cards-uat", at: -1, .success, ms: 250)
        var readBack = record
        readBack.startedAt = Date(epochMilliseconds: record.startedAt.epochMilliseconds - 1)
        _ = update(&state, .history([readBack], skipped: 0))
        _ = update(&state, .auth(.attemptFinished(record)))
        #expect(state.log.count == 1)
        // A later attempt of the same profile is new.
        _ = update(&state, .auth(.attemptFinished(Fixture.record("acme-cards-uat", at: 5, .success))))
        #expect(state.log.count == 2)
    }

    @Test func theNewestTenThousandAreKept() {
        var log = AttemptLog(records: Self.records("a-pay", (0..<6_000).map(Double.init)))
        let added = log.merge(Self.records("b-pay", (0..<6_000).map { Double($0) - 0.5 }))
        #expect(added == 6_000)
        #expect(log.count == 10_000)
        #expect(log.count(profile: "a-pay") + log.count(profile: "b-pay") == 10_000)
        #expect(log.chronological.first?.finishedAt == Fixture.record("b-pay", at: 999.5, .success, ms: 100).finishedAt)
        #expect(log.newest(skipping: 0, limit: 1, profile: nil).first?.profile == "a-pay")
    }

    @Test func pagesAreReadFromTheNewestEnd() {
        var log = AttemptLog(capacity: 5)
        for (index, profile) in ["a", "b", "a", "c", "a", "b", "a"].enumerated() {
            log.append(Fixture.record(profile, at: Double(index), .success))
        }
        // Kept: a(2) c(3) a(4) b(5) a(6).
        #expect(log.newest(skipping: 1, limit: 2, profile: nil).map(\.profile) == ["b", "a"])
        #expect(log.newest(skipping: 4, limit: 9, profile: nil).map(\.profile) == ["a"])
        #expect(log.newest(skipping: 5, limit: 9, profile: nil).isEmpty)
        #expect(log.newest(skipping: 1, limit: 5, profile: "a").map(\.startedAt) == [4, 2].map(Fixture.at))
        #expect(log.count(profile: "a") == 3 && log.count(profile: "b") == 1 && log.count(profile: "z") == 0)
        #expect(log.newest(skipping: 0, limit: 3, profile: "z").isEmpty)
        #expect(log.newestFirst(profile: "c").count == 1)
    }

    @Test func skippedLinesAreNamedInTheLogPaneTitle() {
        var state = Fixture.state()
        #expect(!view(state).text.contains("unreadable"))
        _ = update(&state, .history([], skipped: 7))
        #expect(view(state).text.contains("7 unreadable lines skipped"))
    }

    @Test func someoneReadingOlderLinesKeepsTheirPlace() {
        var state = Fixture.state(cols: 120, rows: 30)
        state.log = AttemptLog(records: Self.records("bharat-pg-live", (0..<40).map(Double.init)))
        state.logScroll = 10
        let top = state.visibleLog(skipping: 10, limit: 1).first
        _ = update(&state, .history(Self.records("acme-cards-uat", [5.5, 30.5, 35.5]), skipped: 0))
        #expect(state.visibleLog(skipping: state.logScroll, limit: 1).first == top)
        #expect(state.logScroll == 12)
    }
}
