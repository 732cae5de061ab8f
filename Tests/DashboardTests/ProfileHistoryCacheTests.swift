import Dashboard
import Foundation
import Testing
import TokenModel

/// The per-profile histories follow the log: grouped again after every append, and never taken
/// from a copy of the state whose log went another way.
@Suite struct ProfileHistoryCacheTests {
    @Test func anAppendIsSeenAtOnce() {
        var state = Fixture.state()
        let before = state.history(of: "acme-cards-uat").entries
        #expect(before.count == 1)
        state.log.append(PlotFixture.success("acme-cards-uat", at: 10, lifetime: 300))
        let after = state.history(of: "acme-cards-uat").entries
        #expect(after.count == 2)
        #expect(after.last?.expiresAt == after.last.map { $0.finishedAt.addingTimeInterval(300) })
        #expect(state.history(of: "nobody").entries.isEmpty)
    }

    @Test func copiesWithDifferentLogsKeepTheirOwnHistories() {
        let state = Fixture.state()
        _ = state.history(of: "acme-cards-uat")
        var first = state
        var second = state
        first.log.append(PlotFixture.success("acme-cards-uat", at: 10, lifetime: 300))
        second.log.append(PlotFixture.failure("dosa-pg-uat", at: 10))
        #expect(first.history(of: "acme-cards-uat").entries.count == 2)
        #expect(second.history(of: "acme-cards-uat").entries.count == 1)
        #expect(second.history(of: "dosa-pg-uat").entries.count == 4)
        #expect(first.history(of: "dosa-pg-uat").entries.count == 3)
    }

    @Test func onlyASuccessCarriesAnExpiry() {
        var record = PlotFixture.failure("east-cards-uat", at: 0)
        record.expiresAt = Fixture.at(600)
        #expect(ProfileHistory(entries: []).entries.isEmpty)
        var state = Fixture.state()
        state.log = AttemptLog(records: [record])
        #expect(state.history(of: "east-cards-uat").entries.first?.expiresAt == nil)
    }
}
