import Foundation
import TestFixtures
import Testing

@testable import Refresh

/// The status a screen receives says when the token enters its refresh lead (expiry minus
/// `max(before, 15% of lifetime)`, at most half the lifetime), so a dashboard can list a valid
/// token late to be replaced as a problem.
@Suite struct StatusRefreshLeadTests {
    @Test func aTokenCarriesItsLeadAndNoTokenNone() throws {
        var harness = SchedulerHarness([
            TestProfiles.make("a", before: .seconds(120)), TestProfiles.make("b", before: .seconds(30)),
        ])
        harness.start()
        harness.fire(after: 3)
        #expect(harness.status("a")?.refreshLeadAt == nil)
        harness.finish("a", lifetime: .seconds(600))
        harness.finish("b", lifetime: .seconds(600))
        let a = try #require(harness.status("a"))
        let aExpiry = try #require(a.expiresAt)
        let aLead = try #require(a.refreshLeadAt)
        #expect(abs(aExpiry.timeIntervalSince(aLead) - 120) < 0.001, "before: 120 s beats 15% of 600 s")
        let b = try #require(harness.status("b"))
        let bExpiry = try #require(b.expiresAt)
        let bLead = try #require(b.refreshLeadAt)
        #expect(abs(bExpiry.timeIntervalSince(bLead) - 90) < 0.001, "15% of 600 s beats before: 30 s")
        #expect(try #require(b.nextRefreshAt) <= bLead, "the refresh is planned before the lead")
    }
}
