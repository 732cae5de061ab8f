/// The bottom line: a notice, the filter being typed, or the most useful keys for the focus.
enum FooterView {
    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        guard rect.width > 0 else { return }
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: 1, with: Cell(" ", .footer))
        let end = rect.col + rect.width
        var col = rect.col + 1
        if let notice = state.notice {
            grid.write(notice, row: rect.row, col: col, width: end - col, style: .error)
            return
        }
        if state.isEditingFilter {
            col += grid.write("Filter: ", row: rect.row, col: col, width: end - col, style: .filter)
            col += grid.write(state.filter + "_", row: rect.row, col: col, width: end - col, style: .filter)
            col += 3
        }
        for hint in KeyMap.footerHints(for: state) {
            let width = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.hint)
            guard col + width < end else { break }
            col += grid.write(hint.keys, row: rect.row, col: col, style: .footerKey)
            col += 1
            col += grid.write(hint.hint, row: rect.row, col: col, style: .footer)
            col += 2
        }
    }
}
