import Testing

@testable import Terminal

/// A lone Esc waits `ESCDELAY` milliseconds (ncurses' variable) for the rest of a sequence, for an
/// operator on a slow link; 25 ms when it is unset or not a sensible number.
@Suite struct EscapeDelayTests {
    @Test func escdelayIsHonouredWithinBounds() {
        #expect(Screen.escapeDelayMilliseconds([:]) == 25)
        #expect(Screen.escapeDelayMilliseconds(["ESCDELAY": "200"]) == 200)
        #expect(Screen.escapeDelayMilliseconds(["ESCDELAY": "0"]) == 25)
        #expect(Screen.escapeDelayMilliseconds(["ESCDELAY": "5000"]) == 25)
        #expect(Screen.escapeDelayMilliseconds(["ESCDELAY": "soon"]) == 25)
    }
}
