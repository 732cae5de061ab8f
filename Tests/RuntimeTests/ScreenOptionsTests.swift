import Dashboard
import Foundation
import Testing
import TokenModel

@testable import Runtime

/// The dashboard command's mouse and bell flags, and how a dashboard about to open takes them.
@Suite struct ScreenOptionsTests {
    @Test func flagsMapToTheOptions() {
        #expect(
            ScreenOptions(noMouse: false, visualBell: false, noBell: false)
                == ScreenOptions(mouse: true, bell: .audible))
        #expect(ScreenOptions(noMouse: true, visualBell: false, noBell: false).mouse == false)
        #expect(ScreenOptions(noMouse: false, visualBell: true, noBell: false).bell == .visual)
        #expect(ScreenOptions(noMouse: false, visualBell: false, noBell: true).bell == .off)
    }

    static func profile(_ name: String, _ state: ProfileState) -> ProfileStatus {
        ProfileStatus(
            name: name, merchant: "M", environment: "uat", host: "enkash", baseURL: "https://pay-uat.enkash.in",
            maskedAccessKey: "AK••••42", tags: [], enabled: true, paused: false, state: state)
    }

    @Test func aViewerOpeningListsWhatIsAlreadyBadWithoutABell() {
        let now = Date(timeIntervalSince1970: 1_795_551_720)
        var state = DashboardState(
            profiles: [Self.profile("a", .valid), Self.profile("b", .rejected), Self.profile("c", .expired)],
            configSource: "x", now: now)
        ScreenOptions(mouse: true, bell: .visual).prepare(&state, ownRefresher: false)
        #expect(state.bellMode == .visual)
        #expect(state.openingBell == nil)
        #expect(state.alerts.pending.map(\.name) == ["b", "c"])
        // b retrying and refused again: no bell, it was bad before the dashboard opened.
        var retrying = state.profiles[1]
        retrying.state = .fetching
        #expect(update(&state, .auth(.stateChanged(retrying))).isEmpty)
        retrying.state = .rejected
        #expect(update(&state, .auth(.stateChanged(retrying))).isEmpty)
        // a turning bad flashes.
        var turning = state.profiles[0]
        turning.state = .failing
        #expect(update(&state, .auth(.stateChanged(turning))) == [.bell(flash: true)])
    }

    /// A dashboard whose own refresher got a rejection before the screen came up: that is news
    /// of this run, so it rings once the first frame is drawn (and not with --no-bell).
    @Test func aDashboardWithItsOwnRefresherRingsForWhatWentBadBeforeTheScreenCameUp() {
        let now = Date(timeIntervalSince1970: 1_795_551_720)
        let profiles = [Self.profile("a", .fetching), Self.profile("b", .rejected)]
        var state = DashboardState(profiles: profiles, configSource: "x", now: now)
        ScreenOptions(mouse: true, bell: .audible).prepare(&state, ownRefresher: true)
        #expect(state.alerts.pending.map(\.name) == ["b"])
        #expect(state.openingBell == false, "the audible bell")
        var quiet = DashboardState(profiles: profiles, configSource: "x", now: now)
        ScreenOptions(mouse: true, bell: .off).prepare(&quiet, ownRefresher: true)
        #expect(quiet.alerts.pending.map(\.name) == ["b"])
        #expect(quiet.openingBell == nil)
        var fine = DashboardState(profiles: [Self.profile("a", .fetching)], configSource: "x", now: now)
        ScreenOptions(mouse: true, bell: .visual).prepare(&fine, ownRefresher: true)
        #expect(fine.openingBell == nil, "nothing bad, nothing to ring")
    }
}
