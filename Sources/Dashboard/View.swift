/// The whole screen for `state`, as a grid of styled cells the size of the terminal. Pure: same
/// state, same grid. Safe at any size, down to 0x0. With the ASCII glyph set every cell is
/// ASCII, whatever the profiles' own text holds.
public func view(_ state: DashboardState) -> CellGrid {
    var grid = CellGrid(cols: state.size.cols, rows: state.size.rows, glyphs: state.glyphs)
    drawScreen(state, on: &grid)
    if state.glyphs.isASCII { grid.replaceNonASCII() }
    return grid
}

private func drawScreen(_ state: DashboardState, on grid: inout CellGrid) {
    let layout = Layout(state)
    if layout.tooSmall {
        drawTooSmall(state, on: &grid)
        return
    }
    HeaderView.draw(state, in: layout.header, on: &grid)
    if let banner = layout.banner { AlertBannerView.draw(state, in: banner, on: &grid) }
    if state.showTimeline {
        // The timeline takes the whole body: one row per profile, as the table, and nothing
        // that counts down every second (the detail pane's countdowns would redraw it).
        TimelineView.draw(state, in: layout.body, on: &grid)
    } else {
        ProfileTableView.draw(state, in: layout.table, on: &grid)
        if let detail = layout.detail { DetailPaneView.draw(state, in: detail, on: &grid) }
        if let log = layout.log { LogPaneView.draw(state, in: log, on: &grid) }
    }
    FooterView.draw(state, in: layout.footer, on: &grid)
    if state.showHelp { OverlayView.drawHelp(scroll: state.helpScroll, canAct: state.canAct, on: &grid) }
    if let confirmation = state.confirmation { OverlayView.drawConfirmation(confirmation, on: &grid) }
}

/// A short notice, centred, cut to whatever space there is.
private func drawTooSmall(_ state: DashboardState, on grid: inout CellGrid) {
    let lines: [(String, Style)] = [
        ("Terminal too small", .title),
        ("\(state.size.cols)x\(state.size.rows), need \(Layout.minimumCols)x\(Layout.minimumRows)", .dim),
        ("q quits", .dim),
    ]
    let top = max(0, (grid.rows - lines.count) / 2)
    for (offset, (text, style)) in lines.enumerated() where top + offset < grid.rows {
        let cut = DisplayWidth.truncated(text, to: grid.cols, ellipsis: grid.glyphs.ellipsis)
        grid.write(cut, row: top + offset, col: max(0, (grid.cols - DisplayWidth.of(cut)) / 2), style: style)
    }
}
