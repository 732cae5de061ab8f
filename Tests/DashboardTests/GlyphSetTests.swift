import Dashboard
import Foundation
import Testing
import TokenModel

/// The screen in both glyph sets: ASCII leaves not one non-ASCII cell (a terminal without a UTF-8
/// locale would draw it at another width), and both sets draw the same layout.
@Suite struct GlyphSetTests {
    /// The fixture plus a profile whose own text is not ASCII (a wide character included).
    private static func state(cols: Int, rows: Int, glyphs: Glyphs) -> DashboardState {
        var state = Fixture.state(cols: cols, rows: rows)
        state.profiles.append(
            Fixture.profile("rupee-pay", "₹ Merchant 東京 Traders", "pg-uat", .valid, issued: -60, expires: 240))
        state.glyphs = glyphs
        return state
    }

    private static func nonASCII(_ grid: CellGrid) -> [String] {
        var found: [String] = []
        for row in 0..<grid.rows {
            for (col, cell) in grid.cells(inRow: row).enumerated() where !cell.character.isASCII || cell.isContinuation
            {
                found.append("\(row):\(col) \(cell.character)")
            }
        }
        return found
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 20), (30, 8), (200, 50)])
    func asciiSetDrawsOnlyASCII(cols: Int, rows: Int) {
        let grid = view(Self.state(cols: cols, rows: rows, glyphs: .ascii))
        #expect(Self.nonASCII(grid).isEmpty, "non-ASCII cells: \(Self.nonASCII(grid).prefix(10))")
        // Every line is exactly as wide as the screen: no cell is drawn at another width.
        for row in 0..<grid.rows { #expect(grid.line(row).count == cols) }
    }

    @Test func asciiSetHasBordersBadgesBarsAndArrows() {
        let text = view(Self.state(cols: 120, rows: 40, glyphs: .ascii)).text
        #expect(text.contains("+- Profiles (10) --"))
        #expect(text.contains("|>1  acme-cards-uat"))
        #expect(text.contains("* valid"))
        #expect(text.contains("~ refreshing"))
        #expect(text.contains("/ rejected"))
        #expect(text.contains("#########."), "the lifetime bar")
        #expect(text.contains("^v move"), "the footer's arrows")
        #expect(text.contains("AK****AC42"), "the masked access key")
        #expect(!text.contains("?? valid"))
    }

    @Test func unicodeSetKeepsItsGlyphs() {
        let grid = view(Self.state(cols: 120, rows: 40, glyphs: .unicode))
        let text = grid.text
        #expect(text.contains("┌─ Profiles (10) ──"))
        #expect(text.contains("● valid"))
        #expect(text.contains("█████████░"))
        #expect(text.contains("₹ Merchant 東京"))
        #expect(text.contains("↑↓ move"))
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 20)])
    func bothSetsDrawTheSameLayout(cols: Int, rows: Int) {
        let unicode = view(Self.state(cols: cols, rows: rows, glyphs: .unicode))
        let ascii = view(Self.state(cols: cols, rows: rows, glyphs: .ascii))
        // Box lines and corners sit in the same cells in both sets.
        func cells(_ grid: CellGrid, _ characters: Set<Character>) -> [[Int]] {
            (0..<rows).map { row in
                grid.cells(inRow: row).enumerated().filter { characters.contains($0.element.character) }.map(\.offset)
            }
        }
        #expect(cells(unicode, ["│"]) == cells(ascii, ["|"]))
        #expect(
            cells(unicode, ["─"])
                == cells(ascii, ["-"]).enumerated().map { row, columns in
                    columns.filter { unicode[row, $0].character == "─" }
                }, "ASCII dashes stand where the Unicode lines are")
        for (row, columns) in cells(unicode, ["┌", "┐", "└", "┘"]).enumerated() {
            for col in columns { #expect(ascii[row, col].character == "+", "corner at \(row):\(col)") }
        }
        for (row, columns) in cells(unicode, ["█", "░"]).enumerated() {
            for col in columns { #expect(ascii[row, col].character == "#" || ascii[row, col].character == ".") }
        }
    }

    @Test func asciiCutsEndWithThreeDots() {
        #expect(DisplayWidth.truncated("Acme Payments Pvt Ltd", to: 10, ellipsis: "...") == "Acme Pa...")
        #expect(DisplayWidth.truncated("Acme Payments Pvt Ltd", to: 10) == "Acme Paym…")
        #expect(DisplayWidth.truncated("Acme", to: 2, ellipsis: "...") == "..")
        #expect(DisplayWidth.padded("Acme Payments", to: 8, ellipsis: "...") == "Acme ...")
        var grid = CellGrid(cols: 12, rows: 1, glyphs: .ascii)
        grid.write("Acme Payments Pvt Ltd", row: 0, col: 0, width: 10)
        #expect(grid.line(0) == "Acme Pa...  ")
    }

    @Test func standInsKeepOneCellPerCell() {
        var grid = CellGrid(cols: 8, rows: 1, glyphs: .ascii)
        grid.write("東a·↑…", row: 0, col: 0)
        grid.replaceNonASCII()
        #expect(grid.line(0) == "??a-^.  ")
        #expect(StateBadge.text(.rejected, glyphs: .ascii) == "/ rejected")
        #expect(
            Set(ProfileState.allCases.map { StateBadge.symbol($0, glyphs: .ascii) }).count
                == ProfileState.allCases.count)
    }
}
