import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// The manual rate limit (one request per profile per `manualRefreshInterval`) and the `force`
/// a `rejected` profile needs: decided by the scheduler alone, on a hand-moved clock.
@Suite struct RefreshSchedulerManualLimitTests {
    @Test func theIntervalIsFiveSeconds() {
        #expect(RefreshPolicy().manualRefreshInterval == .seconds(5))
    }

    @Test func aManualRefreshSoonAfterAnAttemptGetsThatAttemptsRecord() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a")
        let last = try #require(harness.scheduler.status(of: "a", at: harness.now)?.lastAttempt)
        for (waiter, seconds) in [(1, 0.0), (2, 2.5), (3, 4.9)] {
            let asked = harness.send(
                .manualRefresh(profile: "a", waiter: waiter, now: harness.now.addingTimeInterval(seconds)))
            #expect(asked == [.answerWaiters([waiter], last)], "at +\(seconds) s")
        }
        harness.now = harness.now.addingTimeInterval(5)
        let later = harness.send(.manualRefresh(profile: "a", waiter: 4, now: harness.now))
        #expect(later.requestTriggers == [.manual])
        #expect(later.answered.isEmpty)
        #expect(harness.finish("a").answered == [[4]])
    }

    @Test func theLimitCountsFromTheEndOfAnyAttemptManualOrNot() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", .transient)
        harness.now = harness.now.addingTimeInterval(6)
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 1, now: harness.now)).requestTriggers == [.manual])
        harness.finish("a", after: 1)
        let record = try #require(harness.scheduler.status(of: "a", at: harness.now)?.lastAttempt)
        #expect(record.trigger == .manual)
        // Measured from when the manual attempt ended, not from when it was asked for.
        let soon = harness.send(.manualRefresh(profile: "a", waiter: 2, now: harness.now.addingTimeInterval(4)))
        #expect(soon == [.answerWaiters([2], record)])
    }

    @Test func aClockSetBackDoesNotBlockManualRefreshes() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a")
        let earlier = harness.now.addingTimeInterval(-3600)
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 1, now: earlier)).requestTriggers == [.manual])
        #expect(RefreshScheduler.isRecent(harness.now, now: earlier, within: .seconds(5)) == false)
        #expect(RefreshScheduler.isRecent(harness.now, now: harness.now, within: .seconds(5)))
        #expect(
            RefreshScheduler.isRecent(harness.now, now: harness.now.addingTimeInterval(5), within: .seconds(5)) == false
        )
    }

    @Test func aRejectedProfileIsRefusedWithoutForceAndNothingIsSent() {
        var harness = rejected()
        for waiter in 1...10 {
            harness.now = harness.now.addingTimeInterval(10)
            let asked = harness.send(.manualRefresh(profile: "a", waiter: waiter, now: harness.now))
            #expect(asked == [.refuseRejected(waiter: waiter, profile: "a")])
        }
        #expect(harness.inFlight.isEmpty)
        #expect(harness.status("a")?.state == .rejected)
    }

    @Test func forcedRefreshesOfARejectedProfileSendOneRequestPerInterval() throws {
        var harness = rejected()
        harness.now = harness.now.addingTimeInterval(10)
        var requests = 0
        var answered: [Int] = []
        for waiter in 1...10 {
            let asked = harness.send(.manualRefresh(profile: "a", waiter: waiter, force: true, now: harness.now))
            requests += asked.requested.count
            if waiter == 1 { for records in harness.finish("a", .rejected, after: 1).answered { answered += records } }
            answered += asked.answered.flatMap { $0 }
            #expect(asked.refused.isEmpty)
        }
        #expect(requests == 1)
        #expect(answered == Array(1...10))
        #expect(harness.status("a")?.lastAttempt?.trigger == .manual)
        #expect(harness.status("a")?.state == .rejected)
        // Still no automatic retry: the operator forced one, the lockout guard stays.
        #expect(harness.status("a")?.nextRefreshAt == nil)
    }

    @Test func aRefreshJoiningARequestInFlightNeedsNoForce() {
        var harness = rejected()
        harness.now = harness.now.addingTimeInterval(10)
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 1, force: true, now: harness.now)).requested == ["a"])
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 2, now: harness.now)).isEmpty)
        #expect(harness.finish("a", .rejected).answered == [[1, 2]])
    }

    @Test func aPausedRejectedProfileIsStillRefusedWithoutForce() throws {
        var harness = rejected()
        harness.send(.pause(profile: "a", now: harness.now))
        let status = try #require(harness.status("a"))
        #expect(status.state == .paused, "the row shows paused, not rejected")
        #expect(status.rejected, "a screen can still tell that a refresh needs force")
        harness.now = harness.now.addingTimeInterval(10)
        let asked = harness.send(.manualRefresh(profile: "a", waiter: 1, now: harness.now))
        #expect(asked == [.refuseRejected(waiter: 1, profile: "a")])
        #expect(harness.inFlight.isEmpty, "a paused rejected profile sent a failed login without force")
        let all = harness.scheduler.refreshAllTargets(includeRejected: false, at: harness.now)
        #expect(all.refresh.isEmpty)
        #expect(all.skipped == ["a"])
        #expect(harness.send(.manualRefresh(profile: "a", waiter: 2, force: true, now: harness.now)).requested == ["a"])
    }

    @Test func onlyARefusedProfileIsMarkedRejected() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", .transient)
        harness.send(.pause(profile: "a", now: harness.now))
        #expect(harness.status("a")?.rejected == false)
        #expect(rejected().status("a")?.rejected == true)
    }

    /// A profile rejected twice (the first automatic retry used up), its last attempt long ago.
    private func rejected() -> SchedulerHarness {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", .rejected)
        if let retry = harness.status("a")?.nextRefreshAt { harness.fire(at: retry) }
        harness.finish("a", .rejected)
        return harness
    }
}
