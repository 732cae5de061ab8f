import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// Reload diffing: added, removed, changed, updated, unchanged; retired requests; sinks.
@Suite struct RefreshSchedulerReloadTests {
    func running(_ names: [String]) -> SchedulerHarness {
        var harness = SchedulerHarness(names.map { TestProfiles.make($0) })
        harness.start()
        harness.fire(after: 0)
        for name in names { harness.finish(name) }
        return harness
    }

    func reload(_ harness: inout SchedulerHarness, _ profiles: [Profile], seeds: [String: IssuedToken] = [:])
        -> [RefreshScheduler.Action]
    {
        harness.send(.reload(profiles: profiles, seeds: seeds, sources: [:], now: harness.now))
    }

    @Test func reloadSortsProfilesAndFetchesOnlyAddedAndChangedOnes() throws {
        var harness = running(["same", "renamed", "rekeyed", "gone"])
        let before = try #require(harness.status("renamed"))
        var renamed = TestProfiles.make("renamed")
        renamed.merchant = "A New Name"
        var rekeyed = TestProfiles.make("rekeyed")
        rekeyed.secretKey = SecretString("SK-rotated")
        let actions = reload(&harness, [TestProfiles.make("same"), renamed, rekeyed, TestProfiles.make("new")])
        let summary = ReloadSummary(
            added: ["new"], removed: ["gone"], changed: ["rekeyed"], updated: ["renamed"], unchanged: ["same"])
        #expect(actions.events.last == .reloaded(summary))
        // The outcome is logged once, by the runtime's reload path: the scheduler only publishes it.
        #expect(actions.logMessages.isEmpty)
        // The changed profile is fetched now; the added one at its (zero) spread on the next wake-up.
        #expect(actions.requested == ["rekeyed"])
        #expect(harness.fire(after: 0).requested == ["new"])
        #expect(harness.scheduler.profileNames == ["same", "renamed", "rekeyed", "new"])
        let after = try #require(harness.status("renamed"))
        #expect(after.tokenFingerprint == before.tokenFingerprint)
        #expect(after.nextRefreshAt == before.nextRefreshAt)
        #expect(after.merchant == "A New Name")
        #expect(harness.status("rekeyed")?.tokenFingerprint == nil)
        #expect(harness.status("gone") == nil)
        #expect(actions.states("renamed") == [.valid])
        #expect(actions.states("same").isEmpty)
    }

    @Test func aRemovedProfilesRequestInFlightIsLoggedButItsTokenDropped() {
        var harness = SchedulerHarness([TestProfiles.make("stay"), TestProfiles.make("leave")])
        harness.start()
        harness.fire(after: 0)
        harness.send(.manualRefresh(profile: "leave", waiter: 1, now: harness.now))
        let actions = reload(&harness, [TestProfiles.make("stay")])
        #expect(actions.answered.isEmpty)
        let done = harness.finish("leave")
        #expect(done.kinds == ["log", "line", "finished", "answer"])
        #expect(done.logMessages == ["dropping the result of a profile removed or changed by a reload"])
        #expect(done.delivered.isEmpty)
        #expect(harness.status("leave") == nil)
        #expect(harness.scheduler.requestsInFlight == 1)
    }

    @Test func aRemovedProfileNotInFlightAnswersItsWaitersAtOnce() throws {
        var harness = SchedulerHarness((1...2).map { TestProfiles.make("p\($0)") }, concurrency: 1)
        harness.start()
        let running = try #require(harness.fire(after: 0).requested.first)
        let queued = running == "p1" ? "p2" : "p1"
        harness.send(.manualRefresh(profile: queued, waiter: 7, now: harness.now))
        let actions = reload(&harness, [TestProfiles.make(running)])
        #expect(actions.answered == [[7]])
        #expect(harness.finish(running).requested.isEmpty)
    }

    @Test func reloadReschedulesWhenRefreshBeforeChanges() throws {
        var harness = running(["a"])
        let actions = reload(&harness, [TestProfiles.make("a", before: .seconds(300))])
        #expect(actions.requested.isEmpty)
        let status = try #require(harness.status("a"))
        let lead = try #require(status.expiresAt).timeIntervalSince(try #require(status.nextRefreshAt))
        // lead = min(300 s, half of 600 s) = 300 s; the window starts 1.25 leads before expiry.
        #expect(lead >= 300 && lead <= 375)
    }

    @Test func aNewSinkGetsTheCurrentTokenAtOnce() throws {
        var harness = running(["a"])
        var withSink = TestProfiles.make("a")
        withSink.sink = TokenSink(path: "/tmp/a.token", format: .raw, mode: 0o600)
        let actions = reload(&harness, [withSink])
        #expect(actions.delivered == ["a"])
        #expect(reload(&harness, [withSink]).delivered.isEmpty)
    }

    @Test func disablingDropsTheScheduleAndAQueuedRequest() throws {
        var harness = SchedulerHarness((1...2).map { TestProfiles.make("p\($0)") }, concurrency: 1)
        harness.start()
        let running = try #require(harness.fire(after: 0).requested.first)
        let queued = running == "p1" ? "p2" : "p1"
        harness.send(.manualRefresh(profile: queued, waiter: 8, now: harness.now))
        let actions = reload(&harness, [TestProfiles.make(running), TestProfiles.make(queued, enabled: false)])
        #expect(actions.answered == [[8]])
        #expect(actions.states(queued) == [.disabled])
        #expect(harness.finish(running).requested.isEmpty)
        let enabled = reload(&harness, [TestProfiles.make(running), TestProfiles.make(queued)])
        #expect(enabled.requested == [queued])
    }

    @Test func aProfileAddedWithAUsableSeedStartsWithIt() {
        var harness = running(["a"])
        let seed = SchedulerHarness.token("seed-b", at: harness.now, lifetime: .seconds(3600))
        let actions = reload(&harness, [TestProfiles.make("a"), TestProfiles.make("b")], seeds: ["b": seed])
        #expect(actions.logMessages.first == "reusing the token from the sink")
        #expect(harness.status("b")?.tokenFingerprint == seed.fingerprint)
        #expect(harness.fire(after: 0).requested.isEmpty)
    }

    @Test func aReloadBeforeStartOnlyChangesTheSet() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        let actions = reload(&harness, [TestProfiles.make("a"), TestProfiles.make("b")])
        #expect(actions.requested.isEmpty && actions.armedAt == nil)
        #expect(harness.start().armedAt == harness.now)
        #expect(Set(harness.fire(after: 0).requested) == ["a", "b"])
    }
}
