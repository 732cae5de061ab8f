import Foundation
import TestFixtures
import Testing

@testable import Refresh

/// Manual refresh (single flight, the front of the queue), pause and resume, stop.
@Suite struct RefreshSchedulerCommandTests {
    @Test func aManualRefreshDuringARequestInFlightJoinsIt() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 1, now: harness.now)).isEmpty)
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 2, now: harness.now)).isEmpty)
        let done = harness.finish("a")
        #expect(done.requested.isEmpty)
        guard
            case .answerWaiters(let ids, let record)? = done.last(where: {
                if case .answerWaiters = $0 { true } else { false }
            })
        else {
            Issue.record("waiters not answered")
            return
        }
        #expect(ids == [1, 2])
        #expect(record?.trigger == .initial)
    }

    @Test func aManualRefreshGoesToTheFrontOfTheQueue() throws {
        var harness = SchedulerHarness((1...4).map { TestProfiles.make("p\($0)") }, concurrency: 1)
        harness.start()
        let first = try #require(harness.fire(after: 0).requested.first)
        let second = try #require(harness.finish(first).requested.first)
        // The first profile, idle again, asked for by hand goes before the two still queued
        // (past the manual rate limit: an earlier ask would get the attempt just finished).
        harness.now = harness.now.addingTimeInterval(5)
        let manual = harness.send(.manualRefresh(profile: first, waiter: 9, now: harness.now))
        #expect(manual.requested.isEmpty)
        #expect(manual.states(first) == [.refreshing])
        #expect(harness.finish(second).requested == [first])
        #expect(harness.inFlight[first]?.trigger == .manual)
        let done = harness.finish(first)
        #expect(done.answered == [[9]])
        #expect(done.requestTriggers == [.initial])
    }

    @Test func aManualRefreshOfAQueuedProfileJoinsItWhereItIs() throws {
        var harness = SchedulerHarness((1...3).map { TestProfiles.make("p\($0)") }, concurrency: 1)
        harness.start()
        var running = try #require(harness.fire(after: 0).requested.first)
        let queued = try #require(["p1", "p2", "p3"].first { $0 != running })
        #expect(harness.send(.manualRefresh(profile: queued, waiter: 2, now: harness.now)).isEmpty)
        var answered: [[Int]] = []
        var requests = 1
        while running != queued {
            running = try #require(harness.finish(running).requested.first)
            requests += 1
        }
        #expect(harness.inFlight[queued]?.trigger == .initial)
        answered = harness.finish(queued).answered
        #expect(answered == [[2]])
        #expect(requests <= 3)
    }

    @Test func anIdleProfileRefreshedByHandStartsAtOnceAsManual() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a")
        harness.now = harness.now.addingTimeInterval(5)
        let manual = harness.send(.manualRefresh(profile: "a", waiter: 3, now: harness.now))
        #expect(manual.kinds == ["started", "request", "state:refreshing"])
        #expect(manual.requestTriggers == [.manual])
        #expect(harness.finish("a").answered == [[3]])
    }

    @Test func unknownProfilesAreAnsweredNilAtOnce() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        #expect(
            harness.send(.manualRefresh(profile: "nope", waiter: 4, now: harness.now)) == [.answerWaiters([4], nil)])
    }

    @Test func aPausedProfileIsNotRefreshedUntilResumed() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", lifetime: .seconds(300))
        let next = try #require(harness.status("a")?.nextRefreshAt)
        let paused = harness.send(.pause(profile: "a", now: harness.now))
        #expect(paused.states("a") == [.paused])
        #expect(harness.status("a")?.nextRefreshAt == nil)
        #expect(harness.send(.pause(profile: "a", now: harness.now)).isEmpty)
        #expect(harness.fire(at: next).requested.isEmpty)
        // The token still expires.
        harness.fire(at: next.addingTimeInterval(200))
        #expect(harness.scheduler.validToken(for: "a", at: harness.now) == nil)
        let resumed = harness.send(.resume(profile: "a", now: harness.now))
        #expect(resumed.requestTriggers == [.scheduled])
        #expect(resumed.states("a").last == .fetching)
    }

    @Test func resumingWithAValidTokenSchedulesInsteadOfFetching() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", lifetime: .seconds(3600))
        harness.send(.pause(profile: "a", now: harness.now))
        let resumed = harness.send(.resume(profile: "a", now: harness.now))
        #expect(resumed.requested.isEmpty)
        #expect(resumed.states("a") == [.valid])
        let status = try #require(harness.status("a"))
        let lead = try #require(status.expiresAt).timeIntervalSince(try #require(status.nextRefreshAt))
        #expect(lead >= 540 && lead <= 675)
    }

    @Test func stopStartsNothingNewButStillLogsWhatWasInFlight() throws {
        var harness = SchedulerHarness((1...3).map { TestProfiles.make("p\($0)") }, concurrency: 1)
        harness.start()
        let running = try #require(harness.fire(after: 0).requested.first)
        let queued = try #require(["p1", "p2", "p3"].first { $0 != running })
        harness.send(.manualRefresh(profile: queued, waiter: 5, now: harness.now))
        let stopped = harness.send(.stop)
        // The queued profile's waiter gets nil; no timer was armed.
        #expect(stopped == [.answerWaiters([5], nil)])
        let done = harness.finish(running)
        #expect(done.requested.isEmpty)
        #expect(done.contains { if case .writeLog(_, _, nil) = $0 { true } else { false } })
        #expect(done.delivered == [running])
        #expect(harness.status(running)?.nextRefreshAt == nil)
        #expect(harness.fire(after: 10).isEmpty)
        #expect(
            harness.send(.manualRefresh(profile: running, waiter: 6, now: harness.now)) == [.answerWaiters([6], nil)])
        #expect(harness.send(.reload(profiles: [], seeds: [:], sources: [:], now: harness.now)).isEmpty)
    }

    @Test func stopDisarmsAnArmedTimer() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        #expect(harness.send(.stop) == [.disarmTimer])
        #expect(harness.send(.stop).isEmpty)
    }
}
