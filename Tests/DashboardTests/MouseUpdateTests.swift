import Dashboard
import Foundation
import Testing

/// Mouse presses and wheel notches resolved against the screen the operator sees. Coordinates
/// are read off the fixture's screens (`view-120x40.txt`; 0-based rows and columns).
@Suite struct MouseUpdateTests {
    @discardableResult
    static func mouse(_ state: inout DashboardState, _ button: MouseButton, col: Int = 10, row: Int)
        -> [DashboardCommand]
    {
        update(&state, .mouse(MouseEvent(button, col: col, row: row)))
    }

    /// 100x24 without the detail pane: table rows 1-12 (profiles on 3-11), log rows 13-22
    /// (lines on 15-21, seven at a time, of twelve), footer 23.
    static func withLog() -> DashboardState {
        var state = Fixture.state(cols: 100, rows: 24)
        press(&state, .enter)
        return state
    }

    @Test func aClickOnARowSelectsItAndFocusesTheTable() {
        var state = Fixture.state()
        state.focus = .log
        #expect(Self.mouse(&state, .left, row: 6).isEmpty)
        #expect(state.selectedProfile?.name == "dosa-pg-uat")
        #expect(state.focus == .table)
        Self.mouse(&state, .left, col: 100, row: 11)
        #expect(state.selectedProfile?.name == "indus-cards-uat", "anywhere along the row")
        #expect(MouseTarget.at(col: 1, row: 3, in: state) == .profileRow(0))
    }

    @Test func theTimelineTakesNoClickForTheRowsItCovers() {
        var state = Fixture.state()
        press(&state, .char("T"))
        #expect(state.showTimeline)
        #expect(MouseTarget.at(col: 1, row: 6, in: state) == .none)
        Self.mouse(&state, .left, row: 6)
        #expect(state.selectedProfile?.name == "acme-cards-uat", "no row hidden under the timeline is selected")
    }

    @Test func bordersAndHeadingsOnlyFocus() {
        var state = Fixture.state()
        state.focus = .log
        for (col, row) in [(10, 1), (10, 2), (0, 5), (119, 5), (10, 12)] {
            state.focus = .log
            Self.mouse(&state, .left, col: col, row: row)
            #expect(state.selectedProfile?.name == "acme-cards-uat", "(\(col), \(row))")
            #expect(state.focus == .table, "(\(col), \(row))")
        }
    }

    @Test func headerDetailFooterAndOutsideDoNothing() {
        let original = Fixture.state()
        for (col, row) in [(10, 0), (10, 15), (10, 39), (500, 5), (10, 400), (-1, 5)] {
            var state = original
            Self.mouse(&state, .left, col: col, row: row)
            Self.mouse(&state, .wheelDown, col: col, row: row)
            #expect(state == original, "(\(col), \(row))")
        }
    }

    @Test func aClickOnALogLineSelectsItsProfileAndFocusesTheLog() {
        var state = Fixture.state()
        // Row 34 of view-120x40.txt: 20:20:00 fern-pg-live rejected.
        Self.mouse(&state, .left, row: 34)
        #expect(state.focus == .log)
        #expect(state.selectedProfile?.name == "fern-pg-live")
        #expect(MouseTarget.at(col: 10, row: 26, in: state) == .logLine(0))
        #expect(MouseTarget.at(col: 10, row: 37, in: state) == .logLine(11), "the last line")
        #expect(MouseTarget.at(col: 10, row: 38, in: state) == .log, "the bottom border")
        #expect(MouseTarget.at(col: 10, row: 25, in: state) == .log, "the column headings")
    }

    @Test func theWheelMovesTheTableSelection() {
        var state = Self.withLog()
        Self.mouse(&state, .wheelDown, row: 5)
        Self.mouse(&state, .wheelDown, row: 1)
        #expect(state.selectedProfile?.name == "chai-cards-live")
        Self.mouse(&state, .wheelUp, row: 9)
        #expect(state.selectedProfile?.name == "bharat-pg-live")
        #expect(state.focus == .table)
        #expect(state.logScroll == 0)
    }

    @Test func theWheelScrollsTheLogUnderIt() {
        var state = Self.withLog()
        Self.mouse(&state, .wheelDown, row: 17)
        #expect(state.logScroll == 3)
        Self.mouse(&state, .wheelDown, row: 13)
        #expect(state.logScroll == 5, "no further than the oldest page")
        Self.mouse(&state, .wheelUp, row: 20)
        #expect(state.logScroll == 2)
        #expect(state.focus == .table, "the wheel does not move the focus")
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        // Scrolled by 2: the top line (row 15) is the third newest, chai-cards-live's 503.
        Self.mouse(&state, .left, row: 15)
        #expect(state.selectedProfile?.name == "chai-cards-live")
        #expect(state.focus == .log)
        #expect(state.logScroll == 2, "the log keeps its place")
    }

    @Test func aClickOnAScrolledTableHitsTheRowShownThere() {
        // 120x12: three profile rows (3-5) and a one-line log.
        var state = Fixture.state(cols: 120, rows: 12)
        press(&state, .char("G"))
        #expect(MouseTarget.at(col: 10, row: 3, in: state) == .profileRow(6))
        Self.mouse(&state, .left, row: 4)
        #expect(state.selectedProfile?.name == "himal-pg-uat")
    }

    @Test func withTheFilterRowsAreTheVisibleOnes() throws {
        var state = Fixture.state()
        press(&state, .char("/"))
        type(&state, "cards")
        press(&state, .enter)
        // Five rows (3-7): acme, chai, east, ganga, indus.
        Self.mouse(&state, .left, row: 5)
        #expect(state.selectedProfile?.name == "east-cards-uat")
        #expect(MouseTarget.at(col: 10, row: 8, in: state) == .table, "the bottom border under five rows")
        // The log starts lower now; its newest line is dosa-pg-uat's, which the filter hides.
        let log = try #require(Layout(state).log)
        Self.mouse(&state, .left, row: log.row + 2)
        #expect(state.focus == .log)
        #expect(state.selectedProfile?.name == "east-cards-uat", "a hidden profile cannot be selected")
        // The next line is east-cards-uat's.
        Self.mouse(&state, .left, row: 3)
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        Self.mouse(&state, .left, row: log.row + 3)
        #expect(state.selectedProfile?.name == "east-cards-uat")
        // The wheel in the table moves among the visible rows.
        Self.mouse(&state, .wheelDown, row: 4)
        #expect(state.selectedProfile?.name == "ganga-cards-live")
    }

    @Test func otherButtonsDoNothing() {
        let original = Fixture.state()
        var state = original
        Self.mouse(&state, .right, row: 6)
        Self.mouse(&state, .middle, row: 30)
        #expect(state == original)
    }

    @Test func theHelpTakesTheWheelAndAQuestionTakesEverything() {
        var state = Fixture.state(cols: 80, rows: 24)
        press(&state, .char("?"))
        Self.mouse(&state, .wheelDown, row: 5)
        #expect(state.helpScroll == 3)
        Self.mouse(&state, .left, row: 6)
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        press(&state, .escape)

        press(&state, .char("R"))
        let asking = state
        Self.mouse(&state, .left, row: 6)
        Self.mouse(&state, .wheelDown, row: 6)
        #expect(state == asking)
    }

    @Test func withTheLogOfTheSelectedProfileTheWheelStartsItAtTheTop() {
        var state = Self.withLog()
        press(&state, .char("l"))
        state.logScroll = 1
        Self.mouse(&state, .wheelDown, row: 4)
        #expect(state.selectedProfile?.name == "bharat-pg-live")
        #expect(state.logScroll == 0)
    }
}
