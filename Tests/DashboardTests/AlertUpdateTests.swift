import Dashboard
import Foundation
import Testing
import TokenModel

/// The bell and the banner: which status changes ring, once, and what `a` clears.
@Suite struct AlertUpdateTests {
    /// `name`'s fixture status in `state`.
    static func status(_ name: String, _ newState: ProfileState, in state: DashboardState) throws -> ProfileStatus {
        var status = try #require(state.profiles.first { $0.name == name })
        status.state = newState
        return status
    }

    /// Sends `name`'s change to `newState` through `update`; returns the commands.
    @discardableResult
    static func change(_ name: String, to newState: ProfileState, _ state: inout DashboardState) throws
        -> [DashboardCommand]
    {
        update(&state, .auth(.stateChanged(try status(name, newState, in: state))))
    }

    static let bell: [DashboardCommand] = [.bell(flash: false)]

    @Test func turningRejectedRingsOnceAndRaisesTheBanner() throws {
        var state = Fixture.state()
        #expect(state.alerts.isEmpty)
        #expect(try Self.change("acme-cards-uat", to: .rejected, &state) == Self.bell)
        #expect(state.alerts.pending == [ProfileAlert(name: "acme-cards-uat", state: .rejected, since: Fixture.now)])
        // Staying there: the same status again, the clock ticking, more events.
        #expect(try Self.change("acme-cards-uat", to: .rejected, &state).isEmpty)
        #expect(update(&state, .tick(Fixture.at(1))).isEmpty)
        #expect(update(&state, .tick(Fixture.at(2))).isEmpty)
        // A forced refresh that is refused again: fetching, then rejected once more.
        #expect(try Self.change("acme-cards-uat", to: .fetching, &state).isEmpty)
        #expect(try Self.change("acme-cards-uat", to: .rejected, &state).isEmpty)
        #expect(state.alerts.pending.count == 1)
    }

    @Test(arguments: [ProfileState.expired, .failing, .rejected])
    func eachBadStateRings(_ bad: ProfileState) throws {
        var state = Fixture.state()
        #expect(try Self.change("indus-cards-uat", to: bad, &state) == Self.bell)
        #expect(state.alerts.pending.map(\.state) == [bad])
    }

    @Test(arguments: [ProfileState.stale, .fetching, .paused, .disabled, .refreshing, .valid])
    func otherStatesDoNotRing(_ other: ProfileState) throws {
        var state = Fixture.state()
        #expect(try Self.change("indus-cards-uat", to: other, &state).isEmpty)
        #expect(state.alerts.isEmpty)
    }

    @Test func retryingWhileFailingDoesNotRingAgain() throws {
        var state = Fixture.state()
        #expect(try Self.change("indus-cards-uat", to: .failing, &state) == Self.bell)
        for _ in 0..<3 {
            #expect(try Self.change("indus-cards-uat", to: .fetching, &state).isEmpty)
            #expect(try Self.change("indus-cards-uat", to: .failing, &state).isEmpty)
        }
    }

    @Test func recoveringAndTurningBadAgainRingsAgain() throws {
        var state = Fixture.state()
        #expect(try Self.change("acme-cards-uat", to: .expired, &state) == Self.bell)
        #expect(try Self.change("acme-cards-uat", to: .fetching, &state).isEmpty)
        #expect(try Self.change("acme-cards-uat", to: .valid, &state).isEmpty)
        _ = update(&state, .tick(Fixture.at(90)))
        #expect(try Self.change("acme-cards-uat", to: .expired, &state) == Self.bell)
        // One entry per profile: the latest change, at the new time.
        #expect(state.alerts.pending == [ProfileAlert(name: "acme-cards-uat", state: .expired, since: Fixture.at(90))])
    }

    @Test func aDifferentBadStateIsANewChange() throws {
        var state = Fixture.state()
        // fern-pg-live was rejected before the dashboard opened; forced, it now fails.
        #expect(try Self.change("fern-pg-live", to: .fetching, &state).isEmpty)
        #expect(try Self.change("fern-pg-live", to: .failing, &state) == Self.bell)
    }

    @Test func profilesAlreadyBadAtOpenAreListedWithoutABell() throws {
        var state = Fixture.state()
        // dosa expired, east failing, fern rejected in the fixture: retrying does not ring.
        #expect(try Self.change("east-cards-uat", to: .fetching, &state).isEmpty)
        #expect(try Self.change("east-cards-uat", to: .failing, &state).isEmpty)
        #expect(try Self.change("dosa-pg-uat", to: .expired, &state).isEmpty)
        #expect(state.alerts.isEmpty, "the banner waits for listCurrentAlerts")
        state.listCurrentAlerts()
        #expect(state.alerts.pending.map(\.name) == ["dosa-pg-uat", "east-cards-uat", "fern-pg-live"])
        #expect(state.alerts.pending.allSatisfy { $0.since == Fixture.now })
        // Listing twice adds nothing.
        state.listCurrentAlerts()
        #expect(state.alerts.pending.count == 3)
    }

    @Test func severalAtOnceRingOnceAndAreAllListed() throws {
        var state = Fixture.state()
        var profiles = state.profiles
        profiles[0].state = .failing
        profiles[1].state = .expired
        #expect(update(&state, .snapshot(profiles)) == Self.bell)
        #expect(state.alerts.pending.map(\.name) == ["acme-cards-uat", "bharat-pg-live"])
        // The same snapshot again: nothing new.
        #expect(update(&state, .snapshot(profiles)).isEmpty)
        // One more by event: a third entry, its own bell.
        #expect(try Self.change("ganga-cards-live", to: .rejected, &state) == Self.bell)
        #expect(state.alerts.pending.count == 3)
    }

    @Test func aAcknowledgesAndTheBannerGoes() throws {
        var state = Fixture.state()
        #expect(press(&state, .char("a")).isEmpty, "nothing to acknowledge: nothing happens")
        try Self.change("acme-cards-uat", to: .rejected, &state)
        try Self.change("bharat-pg-live", to: .expired, &state)
        #expect(Layout(state).banner != nil)
        #expect(press(&state, .char("a")).isEmpty)
        #expect(state.alerts.isEmpty)
        #expect(Layout(state).banner == nil)
        // Still bad after the acknowledgment: no bell, no banner.
        #expect(try Self.change("acme-cards-uat", to: .rejected, &state).isEmpty)
        #expect(state.alerts.isEmpty)
        // Recovered and bad again: both again.
        try Self.change("acme-cards-uat", to: .valid, &state)
        #expect(try Self.change("acme-cards-uat", to: .rejected, &state) == Self.bell)
        #expect(state.alerts.pending.map(\.name) == ["acme-cards-uat"])
    }

    @Test func aReadOnlyViewerMayAcknowledge() throws {
        var state = Fixture.state()
        state.canAct = false
        try Self.change("acme-cards-uat", to: .rejected, &state)
        press(&state, .char("a"))
        #expect(state.alerts.isEmpty)
        #expect(state.notice == nil)
    }

    @Test func bellModes() throws {
        var quiet = Fixture.state()
        quiet.bellMode = .off
        #expect(try Self.change("acme-cards-uat", to: .rejected, &quiet).isEmpty)
        #expect(quiet.alerts.pending.map(\.name) == ["acme-cards-uat"], "--no-bell keeps the banner")
        var flashing = Fixture.state()
        flashing.bellMode = .visual
        #expect(try Self.change("acme-cards-uat", to: .rejected, &flashing) == [.bell(flash: true)])
    }

    @Test func aReloadThatRemovesAProfileDropsItsAlert() throws {
        var state = Fixture.state()
        try Self.change("acme-cards-uat", to: .rejected, &state)
        try Self.change("bharat-pg-live", to: .failing, &state)
        _ = update(&state, .auth(.reloaded(ReloadSummary(removed: ["acme-cards-uat"]))))
        #expect(state.alerts.pending.map(\.name) == ["bharat-pg-live"])
        // Back under the same name and bad at once: a new profile, a new bell.
        #expect(try Self.change("bharat-pg-live", to: .failing, &state).isEmpty)
        let again = try Self.status("indus-cards-uat", .rejected, in: state)
        var renamed = again
        renamed.name = "acme-cards-uat"
        #expect(update(&state, .auth(.stateChanged(renamed))) == Self.bell)
    }

    @Test func theBannerTakesTheLineUnderTheHeader() throws {
        var state = Fixture.state(cols: 120, rows: 40)
        let before = Layout(state)
        try Self.change("acme-cards-uat", to: .rejected, &state)
        let after = Layout(state)
        #expect(after.banner == Rect(row: 1, col: 0, width: 120, height: 1))
        #expect(after.table.row == before.table.row + 1)
        #expect(after.footer == before.footer)
        let bottom = [after.log, after.detail, Optional(after.table)].compactMap { $0 }.map { $0.row + $0.height }.max()
        #expect(bottom == 39, "the panes end above the footer")
    }
}
