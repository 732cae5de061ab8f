/// The boxes drawn over the dashboard: the help and the confirmation question. They stay
/// between the header and the footer, and take the full width when a margin would be thin.
enum OverlayView {
    static let helpWidth = 84
    static let helpKeyWidth = 18

    /// Where a box of `width` × `height` goes on a `cols` × `rows` screen.
    static func frame(width: Int, height: Int, cols: Int, rows: Int) -> Rect {
        let areaTop = rows > 2 ? 1 : 0
        let areaHeight = rows > 2 ? rows - 2 : rows
        let w = cols - width < 6 ? cols : width
        let h = areaHeight - height < 4 ? areaHeight : height
        return Rect(row: areaTop + max(0, (areaHeight - h) / 2), col: max(0, (cols - w) / 2), width: w, height: h)
    }

    /// How many help lines show at once on a screen of `size`.
    static func helpPageSize(_ size: TerminalSize) -> Int {
        let lines = KeyMap.helpLines().count
        return max(0, frame(width: helpWidth, height: lines + 2, cols: size.cols, rows: size.rows).height - 2)
    }

    /// Clears a box, draws its border and returns it.
    static func box(_ rect: Rect, title: String, footnote: String, on grid: inout CellGrid) -> Rect {
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: rect.height, with: Cell(" ", .overlay))
        BoxDrawing.draw(rect, title: title, footnote: footnote, style: .overlay, titleStyle: .overlayKey, on: &grid)
        return rect
    }

    static func drawHelp(scroll: Int, canAct: Bool = true, on grid: inout CellGrid) {
        let lines = KeyMap.helpLines(canAct: canAct)
        let frame = frame(width: helpWidth, height: lines.count + 2, cols: grid.cols, rows: grid.rows)
        let page = max(0, frame.height - 2)
        let first = min(max(0, scroll), max(0, lines.count - page))
        let footnote =
            lines.count > page ? "\(first + 1)-\(min(lines.count, first + page)) of \(lines.count) · ↑↓ scroll" : ""
        let rect = box(frame, title: "Keys · ? or Esc closes", footnote: footnote, on: &grid)
        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        guard area.width > 0, area.height > 0 else { return }
        for (offset, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            let row = area.row + offset
            switch line {
            case .heading(let title):
                grid.write(title, row: row, col: area.col, width: area.width, style: .overlayKey)
            case .binding(let keys, let description):
                let used = grid.write(
                    DisplayWidth.padded(keys, to: min(helpKeyWidth, area.width)), row: row, col: area.col,
                    width: area.width,
                    style: .overlayKey)
                grid.write(description, row: row, col: area.col + used, width: area.width - used, style: .overlay)
            case .blank:
                break
            }
        }
    }

    static func drawConfirmation(_ confirmation: Confirmation, on grid: inout CellGrid) {
        let width = min(grid.cols, 64)
        let text = TextWrap.lines(confirmation.explanation, width: width - 4)
        let frame = frame(width: width, height: text.count + 5, cols: grid.cols, rows: grid.rows)
        let rect = box(frame, title: confirmation.title, footnote: "", on: &grid)
        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        guard area.width > 0, area.height > 0 else { return }
        for (offset, line) in text.prefix(max(0, area.height - 2)).enumerated() {
            grid.write(line, row: area.row + 1 + offset, col: area.col, width: area.width, style: .overlay)
        }
        var col = area.col
        let row = area.row + area.height - 1
        for (keys, hint) in KeyMap.bindings(in: .confirm).compactMap(\.footer) {
            col += grid.write(keys, row: row, col: col, width: area.col + area.width - col, style: .overlayKey)
            col += 1
            col += grid.write(hint, row: row, col: col, width: area.col + area.width - col, style: .overlay)
            col += 3
        }
    }
}
