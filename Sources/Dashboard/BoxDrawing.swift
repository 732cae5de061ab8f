/// Single-line boxes with a title in the top border: `┌ Title ──┐` (`+ Title --+` in ASCII).
enum BoxDrawing {
    static func draw(
        _ rect: Rect, title: String = "", footnote: String = "", style: Style, titleStyle: Style = .title,
        on grid: inout CellGrid
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.col + rect.width - 1
        let bottom = rect.row + rect.height - 1
        let glyphs = grid.glyphs
        for col in rect.col...right {
            grid.put(Cell(glyphs.horizontal, style), row: rect.row, col: col)
            grid.put(Cell(glyphs.horizontal, style), row: bottom, col: col)
        }
        for row in rect.row...bottom {
            grid.put(Cell(glyphs.vertical, style), row: row, col: rect.col)
            grid.put(Cell(glyphs.vertical, style), row: row, col: right)
        }
        grid.put(Cell(glyphs.topLeft, style), row: rect.row, col: rect.col)
        grid.put(Cell(glyphs.topRight, style), row: rect.row, col: right)
        grid.put(Cell(glyphs.bottomLeft, style), row: bottom, col: rect.col)
        grid.put(Cell(glyphs.bottomRight, style), row: bottom, col: right)
        if !title.isEmpty, rect.width > 6 {
            grid.write(" \(title) ", row: rect.row, col: rect.col + 2, width: rect.width - 4, style: titleStyle)
        }
        if !footnote.isEmpty, rect.width > 6 {
            let text = DisplayWidth.truncated(" \(footnote) ", to: rect.width - 4, ellipsis: glyphs.ellipsis)
            grid.write(text, row: bottom, col: right - 1 - DisplayWidth.of(text), style: style)
        }
    }
}
