import Dashboard
import Foundation
import Testing

@Suite struct UpdateCommandTests {
    @Test func rRefreshesTheSelectedProfileAtOnce() {
        var state = Fixture.state()
        #expect(press(&state, .char("r")) == [.refresh("acme-cards-uat")])
        #expect(state.confirmation == nil)
    }

    @Test func rOnARejectedProfileAsksFirstAndSaysWhy() throws {
        var state = Fixture.state()
        #expect(press(&state, .char("6"), .char("r")).isEmpty)
        let confirmation = try #require(state.confirmation)
        #expect(confirmation == .refreshRejected("fern-pg-live"))
        #expect(confirmation.explanation.contains("lock the merchant account"))
        #expect(view(state).text.contains("lock the"))
        // Only the dialog's keys work now.
        #expect(press(&state, .char("j"), .char("q"), .char("r"), .char("t")).isEmpty)
        #expect(state.selectedProfile?.name == "fern-pg-live")
        // Confirmed, so forced: the refresher refuses a rejected profile's refresh otherwise.
        #expect(press(&state, .char("y")) == [.refresh("fern-pg-live", force: true)])
        #expect(state.confirmation == nil)
    }

    @Test func rOnAPausedRejectedProfileAsksFirstAndForces() throws {
        var state = Fixture.state()
        // The row shows `paused`; the status still says its credentials were refused.
        let index = try #require(state.profiles.firstIndex { $0.name == "fern-pg-live" })
        state.profiles[index].state = .paused
        state.profiles[index].paused = true
        state.profiles[index].rejected = true
        #expect(press(&state, .char("6"), .char("r")).isEmpty, "a paused rejected profile was refreshed without asking")
        #expect(state.confirmation == .refreshRejected("fern-pg-live"))
        #expect(press(&state, .char("y")) == [.refresh("fern-pg-live", force: true)])
    }

    @Test func noAndEscapeCancelAConfirmation() {
        for cancel: Key in [.char("n"), .char("N"), .escape] {
            var state = Fixture.state()
            press(&state, .char("6"), .char("r"))
            #expect(press(&state, cancel).isEmpty)
            #expect(state.confirmation == nil)
        }
    }

    @Test func shiftRWithOnlyRejectedProfilesSaysSoAndAsksNothing() {
        var state = Fixture.state()
        state.profiles = state.profiles.filter { $0.state == .rejected }
        #expect(!state.profiles.isEmpty)
        #expect(press(&state, .char("R")).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.notice?.contains("every enabled profile is rejected") == true)
    }

    @Test func shiftRAsksBeforeRefreshingAll() {
        var state = Fixture.state()
        #expect(press(&state, .char("R")).isEmpty)
        // Nine profiles: one disabled (not counted), one rejected (skipped by the refresher, and said so).
        #expect(state.confirmation == .refreshAll(count: 7, rejected: 1), "the disabled profile is not counted")
        #expect(view(state).text.contains("Refresh all profiles?"))
        #expect(view(state).text.contains("1 rejected one is skipped"))
        #expect(press(&state, .char("Y")) == [.refreshAll])
    }

    @Test func pTogglesPauseOfTheSelectedProfile() {
        var state = Fixture.state()
        #expect(press(&state, .char("7"), .char("p")) == [.togglePause("ganga-cards-live")])
    }

    @Test func tCyclesThemesAndWraps() {
        var state = Fixture.state()
        var seen: [DashboardCommand] = []
        for _ in Fixture.themeNames { seen += press(&state, .char("t")) }
        #expect(seen == (Fixture.themeNames.dropFirst() + ["default"]).map { .setTheme($0) })
        #expect(state.themeName == "default")
        press(&state, .char("t"))
        #expect(view(state).line(0).hasSuffix("theme: dark "))
        state.themeName = "not-in-list"
        #expect(press(&state, .char("t")) == [.setTheme("default")])
    }

    @Test func quitKeysAndRepaint() {
        for key: Key in [.char("q"), .f(10), .ctrl("c")] {
            var state = Fixture.state()
            #expect(press(&state, key) == [.quit])
        }
        var state = Fixture.state()
        #expect(press(&state, .ctrl("l")) == [.repaint])
        // Ctrl-C and F10 quit even from a dialog or the help; q there does not.
        press(&state, .char("R"))
        #expect(press(&state, .f(10)) == [.quit])
        press(&state, .escape, .char("?"))
        #expect(press(&state, .ctrl("c")) == [.quit])
    }

    @Test func questionMarkTogglesTheHelpAndItsKeysScrollIt() {
        var state = Fixture.state(cols: 80, rows: 24)
        press(&state, .char("?"))
        #expect(state.showHelp)
        #expect(view(state).text.contains("Keys · ? or Esc closes"))
        press(&state, .char("j"), .down)
        #expect(state.helpScroll == 2)
        #expect(state.selectedIndex == 0, "keys go to the help while it is open")
        press(&state, .pageDown)
        #expect(state.helpScroll > 2)
        for _ in 0..<10 { press(&state, .pageDown) }
        let maximum = KeyMap.helpLines().count - Layout.helpPageSize(for: state.size)
        #expect(state.helpScroll == maximum)
        press(&state, .char("k"))
        #expect(state.helpScroll == maximum - 1)
        #expect(press(&state, .char("q")).isEmpty, "q closes the help rather than quitting")
        #expect(!state.showHelp)
        press(&state, .char("?"))
        #expect(state.helpScroll == 0)
        press(&state, .escape)
        #expect(!state.showHelp)
        press(&state, .char("?"), .char("?"))
        #expect(!state.showHelp)
    }
}
