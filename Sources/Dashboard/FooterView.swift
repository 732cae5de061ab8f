/// The bottom line: a notice, the filter being typed, or the most useful keys for the focus.
/// Help and quit stay at the right end however narrow the screen; other hints fill from the left
/// while they fit.
enum FooterView {
    static let pinned: Set<Action> = [.toggleHelp, .quit]

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        guard rect.width > 0 else { return }
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: 1, with: Cell(" ", .footer))
        var end = rect.col + rect.width
        var col = rect.col + 1
        if let notice = state.notice {
            grid.write(notice, row: rect.row, col: col, width: end - col, style: state.noticeIsError ? .error : .footer)
            return
        }
        if state.isEditingFilter {
            col += grid.write("Filter: ", row: rect.row, col: col, width: end - col, style: .filter)
            col += grid.write(state.filter + "_", row: rect.row, col: col, width: end - col, style: .filter)
            col += 3
        }
        let hints = KeyMap.footerBindings(for: state)
        let right = hints.filter { pinned.contains($0.action) }.compactMap(\.footer)
        let rightWidth = right.reduce(0) { $0 + width($1) + 2 }
        if col + rightWidth < end {
            var x = end - rightWidth
            for hint in right { x += draw(hint, row: rect.row, col: x, on: &grid) + 2 }
            end -= rightWidth
        }
        for binding in hints where !pinned.contains(binding.action) {
            guard let hint = binding.footer else { continue }
            guard col + width(hint) < end else { break }
            // A key a read-only viewer may not use stays in place, greyed out.
            let greyed = binding.acts && !state.canAct
            col += draw(hint, row: rect.row, col: col, greyed: greyed, on: &grid) + 2
        }
    }

    private static func width(_ hint: (keys: String, hint: String)) -> Int {
        DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.hint)
    }

    private static func draw(
        _ hint: (keys: String, hint: String), row: Int, col: Int, greyed: Bool = false, on grid: inout CellGrid
    ) -> Int {
        let used = grid.write(hint.keys, row: row, col: col, style: greyed ? .dim : .footerKey)
        return used + 1 + grid.write(hint.hint, row: row, col: col + used + 1, style: greyed ? .dim : .footer)
    }
}
