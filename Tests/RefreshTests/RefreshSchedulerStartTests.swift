import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// Start-up, the timer, the queue and seeds: input sequences in, action lists out.
@Suite struct RefreshSchedulerStartTests {
    @Test func startArmsTheTimerAndTheFirstWakeUpSendsTheRequest() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        let started = harness.start()
        #expect(started == [.armTimer(at: harness.now)])
        let fired = harness.fire(after: 0)
        #expect(fired.kinds == ["started", "request", "state:fetching"])
        #expect(fired.requestTriggers == [.initial])
        #expect(harness.status("a")?.state == .fetching)
        // Nothing else is due: the timer stays disarmed until a result schedules one.
        #expect(harness.fire(after: 30).isEmpty)
    }

    @Test func theInitialFetchesAreSpreadOverTheStartSpreadTheSameWayForTheSameSeed() {
        let profiles = (0..<20).map { TestProfiles.make("p\($0)") }
        var one = SchedulerHarness(profiles, spread: .seconds(2), seed: 11)
        var two = SchedulerHarness(profiles, spread: .seconds(2), seed: 11)
        #expect(one.start() == two.start())
        let dues = one.scheduler.snapshot(at: one.now).compactMap(\.nextRefreshAt)
        #expect(dues.count == 20)
        #expect(dues.allSatisfy { $0 >= one.now && $0 <= one.now.addingTimeInterval(2) })
        #expect(Set(dues).count > 1)
        // The timer is armed for the earliest of them.
        #expect(one.start().isEmpty)
        #expect(one.scheduler.armedDue == dues.min())
        #expect(one.fire(after: 2).requested.count == 8)
    }

    @Test func atMostConcurrencyRequestsRunAndEachResultStartsTheNext() {
        var harness = SchedulerHarness((1...5).map { TestProfiles.make("p\($0)") }, concurrency: 2)
        harness.start()
        var requested = harness.fire(after: 0).requested
        #expect(requested.count == 2)
        #expect(harness.scheduler.snapshot(at: harness.now).map(\.state) == Array(repeating: .fetching, count: 5))
        for index in 0..<3 {
            let next = harness.finish(requested[index]).requested
            #expect(next.count == 1)
            requested += next
        }
        #expect(harness.finish(requested[3]).requested.isEmpty)
        #expect(Set(requested).count == 5)
        #expect(harness.scheduler.requestsInFlight == 1)
    }

    @Test func aSuccessIsLoggedThenDeliveredThenPublishedAndScheduledInTheWindow() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        let done = harness.finish("a", lifetime: .seconds(600))
        #expect(done.kinds == ["arm", "log", "deliver", "finished", "state:valid"])
        let status = try #require(harness.status("a"))
        let next = try #require(status.nextRefreshAt)
        let lead = try #require(status.expiresAt).timeIntervalSince(next)
        // lead = max(120 s, 15% of 600 s) = 120 s; window [expiry - 150 s, expiry - 120 s].
        #expect(lead >= 120 && lead <= 150)
        #expect(done.armedAt == next)
        guard
            case .writeLog(let record, _, let logged)? = done.first(where: {
                if case .writeLog = $0 { true } else { false }
            })
        else {
            Issue.record("no log line")
            return
        }
        #expect(logged == next)
        #expect(record.outcome == .success)
        // Before the window nothing happens; at it, a scheduled refresh.
        #expect(harness.fire(at: next.addingTimeInterval(-1)).requested.isEmpty)
        let refresh = harness.fire(at: next)
        #expect(refresh.requestTriggers == [.scheduled])
        #expect(refresh.states("a") == [.refreshing])
    }

    @Test func disabledProfilesAreNeverScheduled() {
        var harness = SchedulerHarness([TestProfiles.make("on"), TestProfiles.make("off", enabled: false)])
        harness.start()
        #expect(harness.fire(after: 0).requested == ["on"])
        #expect(harness.status("off")?.state == .disabled)
        #expect(harness.send(.manualRefresh(profile: "off", waiter: 1, now: harness.now)) == [.answerWaiters([1], nil)])
    }

    @Test func aUsableSeedReplacesTheInitialFetch() throws {
        let seed = SchedulerHarness.token(
            "seeded", at: TestProfiles.origin.addingTimeInterval(-60), lifetime: .seconds(3600))
        var harness = SchedulerHarness([TestProfiles.make("a"), TestProfiles.make("b")], seeds: ["a": seed])
        let started = harness.start()
        #expect(started.logMessages == ["reusing the token from the sink"])
        #expect(harness.status("a")?.state == .valid)
        #expect(harness.status("a")?.tokenFingerprint == seed.fingerprint)
        #expect(harness.status("a")?.lastSuccessAt == seed.issuedAt)
        #expect(harness.fire(after: 0).requested == ["b"])
        // lead = 15% of 3600 s = 540 s; window [expiry - 675 s, expiry - 540 s].
        let lead = seed.expiresAt.timeIntervalSince(try #require(harness.status("a")?.nextRefreshAt))
        #expect(lead >= 540 && lead <= 675)
    }

    @Test func aSeedTooCloseToExpiryIsFetchedAgain() {
        let seed = SchedulerHarness.token(
            "old", at: TestProfiles.origin.addingTimeInterval(-3500), lifetime: .seconds(3600))
        var harness = SchedulerHarness([TestProfiles.make("a")], seeds: ["a": seed])
        #expect(harness.start().logMessages == ["sink token too close to expiry to reuse; fetching a new one"])
        #expect(harness.fire(after: 0).requested == ["a"])
    }

    @Test func aSeedOfferedAfterStartIsIgnored() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        let seed = SchedulerHarness.token("late", at: harness.now, lifetime: .seconds(3600))
        #expect(harness.scheduler.canAdopt("a"))
        #expect(!harness.scheduler.canAdopt("nope"))
        harness.send(.seed(seed, profile: "a"))
        harness.start()
        #expect(harness.status("a")?.tokenFingerprint == seed.fingerprint)
        #expect(!harness.scheduler.canAdopt("a"))
    }

    @Test func theExpiryWakeUpPublishesTheExpiredStateOnce() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", lifetime: .seconds(60))
        let expiresAt = try #require(harness.status("a")?.expiresAt)
        harness.fire(at: try #require(harness.status("a")?.nextRefreshAt))
        harness.finish("a", .transient)
        #expect(harness.status("a")?.state == .stale)
        // Retrying fails until the token crosses its margin (10 s before expiry).
        var states: [ProfileState] = []
        while harness.now < expiresAt.addingTimeInterval(-10) {
            guard let due = harness.scheduler.armedDue else { break }
            states += harness.fire(at: due).states("a")
            states += harness.finish("a", .transient, after: 0).states("a")
        }
        #expect(states.contains(.expired))
        #expect(harness.status("a")?.state == .expired)
    }

    @Test func aWakeUpThatChangesNoStatePublishesNothing() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", lifetime: .seconds(3600))
        // An early wake-up (the 60 s cap of a sleep): nothing due, the timer is armed again.
        let early = harness.fire(after: 60)
        #expect(early.kinds == ["arm"])
    }

    @Test func anExpiryWakeUpPublishesOnlyWhenTheStateChanges() throws {
        var harness = SchedulerHarness([TestProfiles.make("held"), TestProfiles.make("idle")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("held", lifetime: .seconds(300))
        harness.finish("idle", lifetime: .seconds(300))
        harness.send(.pause(profile: "held", now: harness.now))
        harness.send(.pause(profile: "idle", now: harness.now))
        harness.send(.resume(profile: "idle", now: harness.now))
        // Both tokens have crossed their margin by then; "held" stays paused, so only "idle"
        // (whose refresh is past due by then) changes.
        let expiry = try #require(harness.status("idle")?.expiresAt).addingTimeInterval(-9.99)
        let woke = harness.fire(at: expiry)
        #expect(woke.states("held").isEmpty)
        #expect(woke.requested == ["idle"])
        #expect(woke.states("idle") == [.fetching])
        #expect(harness.status("held")?.state == .paused)
    }
}
