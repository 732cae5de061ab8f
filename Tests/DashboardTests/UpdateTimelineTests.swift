import Dashboard
import Foundation
import Testing
import TokenModel

/// `T` shows the timeline, `+`/`-` zoom it, `T` or Esc return; the table's keys still move the
/// selection underneath.
@Suite struct UpdateTimelineTests {
    @Test func tShowsAndHidesTheTimeline() {
        var state = Fixture.state()
        #expect(!state.showTimeline)
        press(&state, .char("T"))
        #expect(state.showTimeline)
        press(&state, .char("T"))
        #expect(!state.showTimeline)
    }

    @Test func escapeReturnsAndKeepsTheFilter() {
        var state = Fixture.state()
        press(&state, .char("/"))
        type(&state, "cards")
        press(&state, .enter, .char("T"))
        #expect(state.showTimeline)
        press(&state, .escape)
        #expect(!state.showTimeline)
        #expect(state.filter == "cards", "Esc closes the timeline first; the filter stays")
        press(&state, .escape)
        #expect(state.filter.isEmpty)
    }

    @Test func plusAndMinusZoomBetweenOneSixAndTwentyFourHours() {
        var state = Fixture.state()
        press(&state, .char("T"))
        #expect(state.timelineSpan == .hour)
        press(&state, .char("-"))
        #expect(state.timelineSpan == .sixHours)
        press(&state, .char("-"), .char("-"))
        #expect(state.timelineSpan == .day)
        press(&state, .char("+"))
        #expect(state.timelineSpan == .sixHours)
        press(&state, .char("="), .char("+"))
        #expect(state.timelineSpan == .hour)
    }

    @Test func zoomKeysDoNothingWithoutTheTimeline() {
        var state = Fixture.state()
        #expect(KeyMap.action(for: .char("+"), in: state) == nil)
        #expect(KeyMap.action(for: .char("-"), in: state) == nil)
        press(&state, .char("-"))
        #expect(state.timelineSpan == .hour)
    }

    @Test func theSelectionMovesUnderTheTimeline() {
        var state = Fixture.state()
        state.focus = .log
        press(&state, .char("T"), .char("j"), .down)
        #expect(state.selectedName == "chai-cards-live")
        #expect(state.logScroll == 0, "j moves the selection, not the hidden log")
    }

    @Test func typingAFilterOverTheTimelineTypesCapitalT() {
        var state = Fixture.state()
        press(&state, .char("T"), .char("/"))
        type(&state, "T")
        #expect(state.filter == "T")
        #expect(state.showTimeline)
    }

    @Test func theKeysAreInTheMapHelpAndFooter() {
        let bound = Set(KeyMap.bindings.flatMap(\.keys))
        for key: Key in [.char("T"), .char("+"), .char("-")] { #expect(bound.contains(key), "\(key.label)") }
        #expect(
            KeyMap.helpLines().contains {
                if case .binding(_, let text) = $0 { text.contains("timeline") } else { false }
            })
        var state = Fixture.state()
        press(&state, .char("T"))
        #expect(KeyMap.footerBindings(for: state).prefix(2).map(\.action) == [.zoomTimelineIn, .closeTimeline])
    }
}
