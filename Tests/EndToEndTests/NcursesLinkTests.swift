import CNcurses
import Testing

/// The wide-character ncurses library links and its shim compiles.
@Suite struct NcursesLinkTests {
    @Test func linksNcursesw() throws {
        let version = String(cString: try #require(curses_version()))
        #expect(version.hasPrefix("ncurses"))
        #expect(tt_key_resize() != tt_err())
        #expect(tt_a_bold() != tt_a_normal())
    }
}
