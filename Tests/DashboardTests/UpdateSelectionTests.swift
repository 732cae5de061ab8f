import Dashboard
import Foundation
import Testing

@Suite struct UpdateSelectionTests {
    @Test func arrowsAndJKMoveTheSelectionAndStopAtTheEnds() {
        var state = Fixture.state()
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        press(&state, .up)
        #expect(state.selectedIndex == 0)
        press(&state, .char("j"))
        #expect(state.selectedProfile?.name == "bharat-pg-live")
        press(&state, .down)
        #expect(state.selectedIndex == 2)
        press(&state, .char("k"))
        #expect(state.selectedIndex == 1)
        press(&state, .up)
        #expect(state.selectedIndex == 0)
        for _ in 0..<20 { press(&state, .down) }
        #expect(state.selectedProfile?.name == "indus-cards-uat")
    }

    @Test func digitsJumpToTheNthVisibleProfile() {
        var state = Fixture.state()
        #expect(press(&state, .char("3")).isEmpty)
        #expect(state.selectedProfile?.name == "chai-cards-live")
        press(&state, .char("9"))
        #expect(state.selectedProfile?.name == "indus-cards-uat")
        press(&state, .char("/"))
        type(&state, "cards")
        press(&state, .enter)
        press(&state, .char("2"))
        #expect(state.selectedProfile?.name == "chai-cards-live")
        press(&state, .char("7"))  // only 5 visible: nothing happens
        #expect(state.selectedProfile?.name == "chai-cards-live")
    }

    @Test func gAndShiftGGoFirstAndLast() {
        var state = Fixture.state()
        press(&state, .char("G"))
        #expect(state.selectedProfile?.name == "indus-cards-uat")
        press(&state, .char("g"))
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        press(&state, .end)
        #expect(state.selectedIndex == 8)
        press(&state, .home)
        #expect(state.selectedIndex == 0)
    }

    @Test func tabSwitchesFocusAndMovementKeysFollowIt() {
        var state = Fixture.state(cols: 60, rows: 20)  // log pane shows 3 lines
        press(&state, .tab)
        #expect(state.focus == .log)
        press(&state, .char("j"), .down)
        #expect(state.logScroll == 2)
        #expect(state.selectedIndex == 0, "j scrolls the log, not the table, when the log has focus")
        press(&state, .char("k"))
        #expect(state.logScroll == 1)
        press(&state, .char("G"))
        #expect(state.logScroll == 12 - 3)
        press(&state, .char("g"))
        #expect(state.logScroll == 0)
        press(&state, .char("3"))
        #expect(state.selectedIndex == 2, "digits still select with the log focused")
        press(&state, .tab)
        #expect(state.focus == .table)
    }

    @Test func enterTogglesTheDetailPane() {
        var state = Fixture.state()
        #expect(state.showDetail)
        #expect(Layout(state).detail != nil)
        press(&state, .enter)
        #expect(!state.showDetail)
        #expect(Layout(state).detail == nil)
        press(&state, .enter)
        #expect(state.showDetail)
    }

    @Test func pageKeysScrollTheLogWithinItsLength() {
        var state = Fixture.state(cols: 60, rows: 20)
        #expect(Layout(state).logPageSize == 3)
        press(&state, .pageDown)
        #expect(state.logScroll == 3)
        press(&state, .pageDown, .pageDown, .pageDown, .pageDown)
        #expect(state.logScroll == 9, "stops with the oldest line at the bottom")
        press(&state, .pageUp)
        #expect(state.logScroll == 6)
        press(&state, .pageUp, .pageUp, .pageUp)
        #expect(state.logScroll == 0)
    }

    @Test func lTogglesTheLogBetweenAllAndSelected() {
        var state = Fixture.state()
        #expect(state.visibleLog.count == 12)
        press(&state, .char("4"), .char("l"))
        #expect(state.logScope == .selected)
        #expect(state.visibleLog.map(\.profile) == ["dosa-pg-uat", "dosa-pg-uat", "dosa-pg-uat"])
        #expect(view(state).text.contains("Log · dosa-pg-uat (3)"))
        press(&state, .char("l"))
        #expect(state.logScope == .all)
    }

    @Test func aNewAttemptKeepsAScrolledReaderInPlace() {
        var state = Fixture.state(cols: 60, rows: 20)
        press(&state, .pageDown)
        let top = state.visibleLog[state.logScroll]
        _ = update(&state, .auth(.attemptFinished(Fixture.record("acme-cards-uat", at: 1, .success, code: .number(0)))))
        #expect(state.log.count == 13)
        #expect(state.visibleLog[state.logScroll] == top)
    }

    @Test func snapshotsKeepTheSelectionByName() {
        var state = Fixture.state()
        press(&state, .char("3"))
        _ = update(&state, .snapshot(Fixture.profiles.reversed()))
        #expect(state.selectedProfile?.name == "chai-cards-live")
        #expect(state.selectedIndex == 6)
        _ = update(&state, .snapshot(Array(Fixture.profiles.prefix(2))))
        #expect(
            state.selectedProfile?.name == "acme-cards-uat", "a removed profile's selection falls back to the first")
        _ = update(&state, .snapshot([]))
        #expect(state.selectedProfile == nil)
        #expect(press(&state, .char("r"), .char("p"), .down, .char("R")).isEmpty)
        #expect(state.confirmation == nil)
    }

    @Test func authEventsUpdateProfilesAndTheLog() {
        var state = Fixture.state()
        var changed = Fixture.profiles[0]
        changed.state = .refreshing
        _ = update(&state, .auth(.stateChanged(changed)))
        #expect(state.profiles[0].state == .refreshing)
        var added = Fixture.profiles[0]
        added.name = "zeta-new"
        _ = update(&state, .auth(.stateChanged(added)))
        #expect(state.profiles.last?.name == "zeta-new")
        _ = update(&state, .auth(.attemptStarted(profile: "acme-cards-uat", trigger: .manual, at: Fixture.now)))
        #expect(state.log.count == 12)
        let record = Fixture.record("zeta-new", at: 2, .rejected, code: .number(1003), message: "Invalid")
        _ = update(&state, .auth(.attemptFinished(record)))
        #expect(state.log.newestFirst.first == record)
    }

    @Test func ticksResizesAndNotices() {
        var state = Fixture.state()
        _ = update(&state, .tick(Fixture.at(5)))
        #expect(state.now == Fixture.at(5))
        #expect(view(state).text.contains("4:54"))
        _ = update(&state, .resize(cols: 33, rows: -4))
        #expect(state.size == TerminalSize(cols: 33, rows: 0))
        _ = update(&state, .notice("themes/x.theme:3: unknown key 'foo'"))
        _ = update(&state, .resize(cols: 80, rows: 24))
        #expect(view(state).line(23).contains("themes/x.theme:3: unknown key 'foo'"))
        press(&state, .char("j"))
        #expect(state.notice == nil, "the next key clears a notice")
    }
}
