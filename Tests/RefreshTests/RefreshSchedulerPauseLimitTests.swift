import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// Pausing and resuming a profile without a valid token fetches it again, but no sooner than a
/// manual refresh could: within `manualRefreshInterval` after its last attempt ended, the fetch
/// waits for the interval's end, so a pause/resume loop costs no more than refreshes do.
@Suite struct RefreshSchedulerPauseLimitTests {
    @Test func aPauseResumeLoopSendsNoRequestWithinTheInterval() throws {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", .transient)
        let ended = harness.now
        var requests = 0
        for step in 1...10 {
            harness.now = ended.addingTimeInterval(Double(step) * 0.4)
            requests += harness.send(.pause(profile: "a", now: harness.now)).requested.count
            requests += harness.send(.resume(profile: "a", now: harness.now)).requested.count
        }
        #expect(requests == 0, "each pause/resume pair sent a request")
        let due = try #require(harness.status("a")?.nextRefreshAt)
        #expect(due == ended.addingTimeInterval(5), "the fetch waits for the interval's end")
        #expect(harness.fire(at: due).requested == ["a"])
        #expect(harness.inFlight.count == 1)
    }

    @Test func aResumePastTheIntervalFetchesAtOnce() {
        var harness = SchedulerHarness([TestProfiles.make("a")])
        harness.start()
        harness.fire(after: 0)
        harness.finish("a", .transient)
        harness.send(.pause(profile: "a", now: harness.now))
        harness.now = harness.now.addingTimeInterval(5)
        #expect(harness.send(.resume(profile: "a", now: harness.now)).requestTriggers == [.scheduled])
    }
}
