import Foundation
import TestFixtures
import Testing

@testable import Refresh

/// What each way an attempt ends schedules next: backoff, `Retry-After`, the tokenless ceiling
/// and the lockout guard.
@Suite struct RefreshSchedulerOutcomeTests {
    /// A harness whose profile "a" holds a 600 s token and has just started its scheduled refresh.
    func refreshing() throws -> SchedulerHarness {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", lifetime: .seconds(600))
        harness.fire(at: try #require(harness.status("a")?.nextRefreshAt))
        return harness
    }

    @Test func aTransientFailureKeepsTheTokenAndBacksOffDoublingWithJitter() throws {
        var harness = try refreshing()
        let first = harness.finish("a", .transient)
        #expect(first.kinds == ["arm", "log", "finished", "state:stale"])
        #expect(first.delivered.isEmpty)
        #expect(harness.scheduler.validToken(for: "a", at: harness.now) != nil)
        let delay1 = try #require(harness.status("a")?.nextRefreshAt).timeIntervalSince(harness.now)
        #expect(delay1 >= 0.75 && delay1 <= 1.0)

        let retry = harness.fire(at: try #require(harness.status("a")?.nextRefreshAt))
        #expect(retry.requestTriggers == [.retry])
        #expect(harness.inFlight["a"]?.attempt == 2)
        harness.finish("a", .transient)
        let delay2 = try #require(harness.status("a")?.nextRefreshAt).timeIntervalSince(harness.now)
        #expect(delay2 >= 1.5 && delay2 <= 2.0)
    }

    @Test func aRetryAfterIsHonoured() throws {
        var harness = try refreshing()
        harness.finish("a", .transient, retryAfter: .seconds(45))
        let delay = try #require(harness.status("a")?.nextRefreshAt).timeIntervalSince(harness.now)
        #expect(delay >= 45 && delay < 45.01)
    }

    @Test func aRetryNeverWaitsPastHalfTheTokensRemainingLife() throws {
        var harness = try refreshing()
        for _ in 0..<6 {
            harness.finish("a", .transient)
            let next = try #require(harness.status("a")?.nextRefreshAt)
            let expiry = try #require(harness.status("a")?.expiresAt).addingTimeInterval(-10)
            #expect(next.timeIntervalSince(harness.now) <= max(expiry.timeIntervalSince(harness.now) / 2, 0.5) + 0.001)
            harness.fire(at: next)
        }
    }

    @Test func withoutAValidTokenTheBackoffStopsAtTheTokenlessCeiling() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        var delays: [Double] = []
        for _ in 0..<12 {
            harness.finish("a", .transient)
            let next = try #require(harness.status("a")?.nextRefreshAt)
            delays.append(next.timeIntervalSince(harness.now))
            harness.fire(at: next)
        }
        #expect(harness.status("a")?.state == .fetching)
        #expect(delays.allSatisfy { $0 <= 60 })
        #expect(delays.suffix(4).allSatisfy { $0 >= 45 })
    }

    @Test func aRejectionGetsOneAutomaticRetryThenNone() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        let first = harness.finish("a", .rejected)
        // One line per event: the refusal reaches followers (the daemon logs it from there), and the
        // scheduler logs nothing of its own.
        #expect(first.logMessages.isEmpty)
        #expect(
            first.events.contains {
                if case .attemptFinished(let record) = $0 { record.outcome == .rejected } else { false }
            })
        #expect(harness.status("a")?.state == .rejected)
        let retryAt = try #require(harness.status("a")?.nextRefreshAt)
        let delay = retryAt.timeIntervalSince(harness.now)
        #expect(delay >= 225 && delay <= 300)
        #expect(harness.fire(at: retryAt).requestTriggers == [.retry])
        let second = harness.finish("a", .rejected)
        #expect(second.armedAt == nil)
        #expect(harness.status("a")?.nextRefreshAt == nil)
        #expect(harness.scheduler.armedDue == nil)
        // Only an operator tries again, insisting (a rejected profile's refresh is forced), past
        // the manual rate limit.
        harness.now = harness.now.addingTimeInterval(5)
        harness.send(.manualRefresh(profile: "a", waiter: 1, force: true, now: harness.now))
        #expect(harness.inFlight["a"]?.trigger == .manual)
        let manual = harness.finish("a", .rejected)
        #expect(manual.answered == [[1]])
        #expect(harness.status("a")?.nextRefreshAt == nil)
    }

    @Test func aSuccessAfterFailuresResetsTheAttemptCount() throws {
        var harness = try refreshing()
        harness.finish("a", .transient)
        harness.fire(at: try #require(harness.status("a")?.nextRefreshAt))
        #expect(harness.inFlight["a"]?.attempt == 2)
        harness.finish("a")
        #expect(harness.status("a")?.state == .valid)
        harness.fire(at: try #require(harness.status("a")?.nextRefreshAt))
        #expect(harness.inFlight["a"]?.attempt == 1)
    }

    @Test func refreshAllSkipsRejectedProfilesUnlessAsked() {
        var harness = SchedulerHarness([
            TestProfiles.make("good"), TestProfiles.make("bad"), TestProfiles.make("off", enabled: false),
        ])
        harness.start()
        harness.fire(after: 0)
        harness.finish("good")
        harness.finish("bad", .rejected)
        let normal = harness.scheduler.refreshAllTargets(includeRejected: false, at: harness.now)
        #expect(normal.refresh == ["good"] && normal.skipped == ["bad"])
        let all = harness.scheduler.refreshAllTargets(includeRejected: true, at: harness.now)
        #expect(all.refresh == ["good", "bad"] && all.skipped.isEmpty)
    }
}
