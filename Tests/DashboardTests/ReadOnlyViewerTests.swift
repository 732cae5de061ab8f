import Dashboard
import Foundation
import Testing

/// A viewer the refresher lets only read: the header says so, the keys that act are greyed out
/// in the footer and marked in the help, and pressing them sends nothing but a notice.
@Suite struct ReadOnlyViewerTests {
    static func viewer() -> DashboardState {
        var state = Fixture.state()
        state.modeLabel = "attached to daemon pid 42"
        state.canCopyTokens = false
        state.canAct = false
        return state
    }

    @Test func theKeyMapMarksTheBindingsThatAct() {
        for action: Action in [.refreshSelected, .refreshAll, .togglePause, .reloadProfiles] {
            #expect(KeyMap.acts(action), "\(action)")
        }
        for action in Action.allCases
        where ![.refreshSelected, .refreshAll, .togglePause, .reloadProfiles].contains(action) {
            #expect(!KeyMap.acts(action), "\(action)")
        }
    }

    @Test func theHeaderSaysReadOnlyOnlyForAReadOnlyViewer() {
        let header = view(Self.viewer()).line(0)
        #expect(header.contains("attached to daemon pid 42 · read-only"), "\(header)")
        var acting = Self.viewer()
        acting.canAct = true
        #expect(!view(acting).line(0).contains("read-only"))
    }

    @Test func keysThatActAreGreyedInTheFooter() {
        let state = Self.viewer()
        let footer = view(state).runs(inRow: state.size.rows - 1)
        func style(_ text: String, in runs: [(col: Int, text: String, style: Style)]) -> Style? {
            runs.first { $0.text == text }?.style
        }
        for text in ["r", "refresh", "R", "all", "p", "pause"] {
            #expect(style(text, in: footer) == .dim, "\(text): \(footer)")
        }
        #expect(style("↑↓", in: footer) == .footerKey, "\(footer)")
        #expect(style("/", in: footer) == .footerKey, "\(footer)")

        var acting = state
        acting.canAct = true
        let normal = view(acting).runs(inRow: state.size.rows - 1)
        #expect(style("r", in: normal) == .footerKey, "\(normal)")
        #expect(!normal.contains { $0.style == .dim })
    }

    @Test func keysThatActAreRefusedWithANoticeAndSendNothing() {
        for key: Key in [.char("r"), .char("R"), .char("p"), .ctrl("r")] {
            var state = Self.viewer()
            #expect(press(&state, key).isEmpty, "\(key)")
            #expect(state.confirmation == nil)
            #expect(state.notice?.contains("read-only") == true, "\(key)")
            #expect(state.notice?.contains("--socket-group-can-act") == true)
            #expect(view(state).text.contains("read-only: the refresher lets this user only watch"))
        }
        var state = Self.viewer()
        press(&state, .char("j"))
        #expect(state.selectedIndex == 1, "reading keys still work")
        #expect(press(&state, .char("q")) == [.quit])
    }

    @Test func theHelpMarksTheKeysThatAct() {
        let lines = KeyMap.helpLines(canAct: false)
        #expect(lines.count == KeyMap.helpLines().count)
        for binding in KeyMap.bindings {
            let marked = HelpLine.binding(
                keys: binding.label, description: "(not here: read-only) " + binding.description)
            #expect(lines.contains(marked) == binding.acts, "\(binding.description)")
        }
        var state = Self.viewer()
        state.showHelp = true
        #expect(view(state).text.contains("(not here: read-only)"))
        // Every acting key's marker shows in full, even where the help box cuts long descriptions.
        let text = view(state).text
        let marked = text.split(separator: "\n").filter { $0.contains("(not here: read-only)") }
        #expect(marked.count == KeyMap.bindings.filter(\.acts).count, "\(text)")
    }
}
