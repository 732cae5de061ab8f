/// The boxes drawn over the dashboard: the help and the confirmation question.
enum OverlayView {
    /// A centred box of `width` × `height`, clipped to the screen, cleared and bordered.
    static func box(width: Int, height: Int, title: String, footnote: String, on grid: inout CellGrid) -> Rect {
        let w = min(width, grid.cols)
        let h = min(height, grid.rows)
        let rect = Rect(row: max(0, (grid.rows - h) / 2), col: max(0, (grid.cols - w) / 2), width: w, height: h)
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: rect.height, with: Cell(" ", .overlay))
        BoxDrawing.draw(rect, title: title, footnote: footnote, style: .overlay, titleStyle: .overlayKey, on: &grid)
        return rect
    }

    static func drawHelp(on grid: inout CellGrid) {
        let lines = KeyMap.helpLines()
        let keyWidth = 18
        let rect = box(
            width: min(grid.cols - 2, 80), height: min(grid.rows - 2, lines.count + 2),
            title: "Keys", footnote: "? or Esc closes", on: &grid)
        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        guard area.width > 0, area.height > 0 else { return }
        let cut = lines.count > area.height
        for (offset, line) in lines.prefix(area.height).enumerated() {
            let row = area.row + offset
            if cut, offset == area.height - 1 {
                grid.write("… \(lines.count - offset) more lines: make the terminal taller", row: row, col: area.col, width: area.width, style: .overlay)
                break
            }
            switch line {
            case .heading(let title):
                grid.write(title, row: row, col: area.col, width: area.width, style: .overlayKey)
            case .binding(let keys, let description):
                let used = grid.write(DisplayWidth.padded(keys, to: min(keyWidth, area.width)), row: row, col: area.col, width: area.width, style: .overlayKey)
                grid.write(description, row: row, col: area.col + used, width: area.width - used, style: .overlay)
            case .blank:
                break
            }
        }
    }

    static func drawConfirmation(_ confirmation: Confirmation, on grid: inout CellGrid) {
        let width = min(grid.cols - 2, 64)
        let text = TextWrap.lines(confirmation.explanation, width: width - 4)
        let rect = box(width: width, height: text.count + 5, title: confirmation.title, footnote: "", on: &grid)
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
