import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// Profiles whose tokens are refreshed elsewhere and only arrive (fleet mode), and tokens that
/// arrive for local profiles.
@Suite struct RefreshSchedulerExternalTests {
    func external() -> SchedulerHarness {
        SchedulerHarness([TestProfiles.make("here"), TestProfiles.make("there")], sources: ["there": .external])
    }

    @Test func anExternalProfileIsNeverRequested() {
        var harness = external()
        harness.start()
        #expect(harness.fire(after: 0).requested == ["here"])
        #expect(harness.scheduler.source(of: "there") == .external)
        #expect(harness.status("there")?.state == .fetching)
        #expect(
            harness.send(.manualRefresh(profile: "there", waiter: 1, now: harness.now)) == [.answerWaiters([1], nil)])
        #expect(harness.scheduler.refreshAllTargets(includeRejected: true, at: harness.now).refresh == ["here"])
        harness.send(.pause(profile: "there", now: harness.now))
        #expect(harness.send(.resume(profile: "there", now: harness.now)).requested.isEmpty)
    }

    @Test func anArrivingTokenIsInstalledPublishedDeliveredAndWakesOnlyAtExpiry() throws {
        var harness = external()
        harness.start()
        harness.fire(after: 0)
        let token = SchedulerHarness.token("from-elsewhere", at: harness.now, lifetime: .seconds(600))
        let arrived = harness.send(.tokenArrived(token, profile: "there", now: harness.now))
        #expect(arrived.kinds == ["arm", "deliver", "state:valid"])
        #expect(arrived.logMessages.isEmpty)
        #expect(arrived.armedAt == token.expiresAt.addingTimeInterval(-10))
        let status = try #require(harness.status("there"))
        #expect(status.tokenFingerprint == token.fingerprint)
        #expect(status.nextRefreshAt == nil)
        #expect(harness.scheduler.validToken(for: "there", at: harness.now) == token)
        // At its margin the state is re-derived; still nothing is requested.
        let expired = harness.fire(at: token.expiresAt.addingTimeInterval(-10))
        #expect(expired.requested.isEmpty)
        #expect(expired.states("there") == [.expired])
    }

    @Test func anOlderTokenThanTheOneHeldIsIgnored() {
        var harness = external()
        harness.start()
        let newer = SchedulerHarness.token("newer", at: harness.now, lifetime: .seconds(600))
        let older = SchedulerHarness.token("older", at: harness.now, lifetime: .seconds(300))
        harness.send(.tokenArrived(newer, profile: "there", now: harness.now))
        #expect(harness.send(.tokenArrived(older, profile: "there", now: harness.now)).isEmpty)
        #expect(harness.status("there")?.tokenFingerprint == newer.fingerprint)
        #expect(harness.send(.tokenArrived(newer, profile: "nope", now: harness.now)).isEmpty)
    }

    @Test func aTokenArrivingForALocalProfileReplacesItsScheduleAndClearsFailures() throws {
        var harness = external()
        harness.start()
        harness.fire(after: 0)
        harness.finish("here", .rejected)
        #expect(harness.status("here")?.state == .rejected)
        let token = SchedulerHarness.token("pushed", at: harness.now, lifetime: .seconds(600))
        let arrived = harness.send(.tokenArrived(token, profile: "here", now: harness.now))
        #expect(arrived.delivered == ["here"])
        #expect(harness.status("here")?.state == .valid)
        let next = try #require(harness.status("here")?.nextRefreshAt)
        #expect(token.expiresAt.timeIntervalSince(next) >= 120 && token.expiresAt.timeIntervalSince(next) <= 150)
        #expect(harness.fire(at: next).requestTriggers == [.scheduled])
    }

    @Test func aReloadCanMoveAProfileBetweenSources() throws {
        var harness = external()
        harness.start()
        harness.fire(after: 0)
        harness.finish("here")
        let profiles = [TestProfiles.make("here"), TestProfiles.make("there")]
        // "here" is now refreshed elsewhere: its schedule goes; "there" is fetched here.
        let actions = harness.send(
            .reload(profiles: profiles, seeds: [:], sources: ["here": .external], now: harness.now))
        #expect(actions.events.last == .reloaded(ReloadSummary(updated: ["here", "there"])))
        #expect(actions.requested == ["there"])
        #expect(harness.status("here")?.nextRefreshAt == nil)
        #expect(harness.scheduler.source(of: "here") == .external)
    }
    @Test func aRequestInFlightWhenItsProfileMovesElsewhereSchedulesNothingAfterIt() throws {
        var harness = external()
        harness.start()
        #expect(harness.fire(after: 0).requested == ["here"])
        // While "here" is being fetched, a reload hands it to another refresher.
        let profiles = [TestProfiles.make("here"), TestProfiles.make("there")]
        harness.send(.reload(profiles: profiles, seeds: [:], sources: ["here": .external], now: harness.now))
        let finished = harness.finish("here")
        // The token is kept and delivered, but no refresh of its own is planned.
        #expect(finished.delivered == ["here"])
        let logged = try #require(
            finished.compactMap { if case .writeLog(_, _, let next) = $0 { Optional(next) } else { nil } }.first)
        #expect(logged == nil)
        #expect(harness.status("here")?.nextRefreshAt == nil)
        // Only its expiry wakes the scheduler; nothing is requested for it then.
        let expiry = try #require(harness.status("here")?.expiresAt)
        #expect(!harness.fire(at: expiry.addingTimeInterval(-10)).requested.contains("here"))
    }

    @Test func aFailureInFlightWhenItsProfileMovesElsewhereIsNotRetried() {
        var harness = external()
        harness.start()
        harness.fire(after: 0)
        let profiles = [TestProfiles.make("here"), TestProfiles.make("there")]
        harness.send(.reload(profiles: profiles, seeds: [:], sources: ["here": .external], now: harness.now))
        harness.finish("here", .transient)
        #expect(harness.status("here")?.nextRefreshAt == nil)
        #expect(!harness.fire(after: 600).requested.contains("here"))
    }
}
