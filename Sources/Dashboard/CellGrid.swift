/// A screen's worth of styled cells, `rows` × `cols`. Every write is clipped to the grid, so no
/// coordinate, however far out, can crash it.
public struct CellGrid: Sendable, Equatable {
    public let cols: Int
    public let rows: Int
    /// The characters borders, badges, bars and cuts are drawn with.
    public let glyphs: Glyphs
    private var cells: [Cell]

    public init(cols: Int, rows: Int, fill: Cell = .blank, glyphs: Glyphs = .unicode) {
        self.cols = max(0, cols)
        self.rows = max(0, rows)
        self.glyphs = glyphs
        cells = Array(repeating: fill, count: self.cols * self.rows)
    }

    /// The cell at `row`, `col`; a blank for coordinates outside the grid.
    public subscript(row: Int, col: Int) -> Cell {
        guard contains(row: row, col: col) else { return .blank }
        return cells[row * cols + col]
    }

    public func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < rows && col >= 0 && col < cols
    }

    /// Sets one cell; ignored outside the grid.
    public mutating func put(_ cell: Cell, row: Int, col: Int) {
        guard contains(row: row, col: col) else { return }
        cells[row * cols + col] = cell
    }

    /// Writes `text` from `col` on, at most `width` columns (default: to the right edge), cut with
    /// the glyph set's ellipsis when it does not fit. Control characters are drawn as spaces; a double-width character
    /// takes two cells. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, row: Int, col: Int, width: Int? = nil, style: Style = .normal) -> Int {
        guard row >= 0, row < rows else { return 0 }
        let start = max(0, col)
        let skipped = start - col
        let limit = min(width.map { $0 - skipped } ?? Int.max, cols - start)
        guard limit > 0 else { return 0 }
        let visible = skipped > 0 ? String(DisplayWidth.sanitized(text).dropFirst(skipped)) : text
        var x = start
        for character in DisplayWidth.truncated(visible, to: limit, ellipsis: glyphs.ellipsis) {
            let w = DisplayWidth.of(character)
            put(Cell(character, style), row: row, col: x)
            if w == 2 { put(Cell(" ", style, isContinuation: true), row: row, col: x + 1) }
            x += w
        }
        return x - start
    }

    /// Replaces every cell that is not ASCII with its ASCII stand-in (`?` for text of unknown
    /// characters), one cell for one cell: the right half of a double-width character becomes a
    /// cell of its own. What the screen draws with the ASCII glyph set, so that a terminal without
    /// a UTF-8 locale is sent nothing it would draw at another width.
    public mutating func replaceNonASCII() {
        for index in cells.indices where !cells[index].character.isASCII || cells[index].isContinuation {
            let cell = cells[index]
            cells[index] = Cell(cell.isContinuation ? "?" : Glyphs.asciiStandIn(for: cell.character), cell.style)
        }
    }

    /// Fills a rectangle (clipped to the grid) with `cell`.
    public mutating func fill(row: Int, col: Int, width: Int, height: Int, with cell: Cell = .blank) {
        guard width > 0, height > 0 else { return }
        for r in max(0, row)..<max(max(0, row), min(rows, row + height)) {
            for c in max(0, col)..<max(max(0, col), min(cols, col + width)) {
                cells[r * cols + c] = cell
            }
        }
    }

    /// Sets the style of a rectangle's cells, keeping their characters.
    public mutating func restyle(row: Int, col: Int, width: Int, height: Int = 1, style: Style) {
        guard width > 0, height > 0 else { return }
        for r in max(0, row)..<max(max(0, row), min(rows, row + height)) {
            for c in max(0, col)..<max(max(0, col), min(cols, col + width)) {
                cells[r * cols + c].style = style
            }
        }
    }

    /// One row's cells; empty outside the grid.
    public func cells(inRow row: Int) -> ArraySlice<Cell> {
        guard row >= 0, row < rows else { return [] }
        return cells[(row * cols)..<(row * cols + cols)]
    }

    /// One row as text, continuation cells left out, trailing spaces kept.
    public func line(_ row: Int) -> String {
        String(cells(inRow: row).filter { !$0.isContinuation }.map(\.character))
    }

    /// The grid as plain text, one line per row without trailing spaces: what golden files hold.
    public var text: String {
        (0..<rows).map { row in
            let cells = self.cells(inRow: row)
            let end = cells.lastIndex { $0.character != " " }.map { $0 + 1 } ?? cells.startIndex
            return String(cells[cells.startIndex..<end].filter { !$0.isContinuation }.map(\.character))
        }.joined(separator: "\n")
    }

    /// A row split into runs of one style, for drawing: `(col, text, style)`.
    public func runs(inRow row: Int) -> [(col: Int, text: String, style: Style)] {
        var result: [(col: Int, text: String, style: Style)] = []
        // The column just past the last run, kept as we go: measuring the run's text again for
        // every cell made each frame quadratic in the row width (most of a frame's CPU).
        var end = -1
        for (offset, cell) in cells(inRow: row).enumerated() where !cell.isContinuation {
            if let last = result.last, last.style == cell.style, offset == end {
                result[result.count - 1].text.append(cell.character)
            } else {
                result.append((offset, String(cell.character), cell.style))
            }
            end = offset + DisplayWidth.of(cell.character)
        }
        return result
    }
}
