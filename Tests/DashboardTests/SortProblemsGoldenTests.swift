import Dashboard
import Foundation
import Testing

/// Golden screens of a sorted table and of the problems view, at the standard sizes, in both
/// glyph sets.
@Suite struct SortProblemsGoldenTests {
    static let sizes = [(120, 40), (80, 24), (60, 20), (30, 8)]

    static func suffix(_ glyphs: Glyphs) -> String { glyphs == .ascii ? "-ascii" : "" }

    @Test(arguments: [Glyphs.unicode, .ascii])
    func sortedByStateAtEachSize(glyphs: Glyphs) throws {
        for (cols, rows) in Self.sizes {
            var state = SortProblemsFixture.state(cols: cols, rows: rows, glyphs: glyphs)
            press(&state, .char("s"), .char("s"))
            try Golden.check(view(state).text, "sort-state-\(cols)x\(rows)\(Self.suffix(glyphs)).txt")
        }
    }

    @Test(arguments: [Glyphs.unicode, .ascii])
    func problemsViewAtEachSize(glyphs: Glyphs) throws {
        for (cols, rows) in Self.sizes {
            var state = SortProblemsFixture.state(cols: cols, rows: rows, glyphs: glyphs)
            press(&state, .char("!"))
            try Golden.check(view(state).text, "problems-\(cols)x\(rows)\(Self.suffix(glyphs)).txt")
        }
    }

    @Test func emptyProblemsView() throws {
        var state = SortProblemsFixture.allValid(cols: 80, rows: 24)
        press(&state, .char("!"))
        try Golden.check(view(state).text, "problems-none-80x24.txt")
    }
}
