/// How many log lines one notch of the wheel scrolls.
let wheelLogLines = 3

/// A mouse press or wheel notch, applied where it landed (see `MouseTarget`): a left click on a
/// profile row selects it, on a log line selects that attempt's profile, and either focuses its
/// pane; the wheel moves the table's selection or scrolls the log (or the help) under the
/// pointer. Other buttons, and anything while a question is open, do nothing.
func updateMouse(_ event: MouseEvent, _ state: inout DashboardState) {
    let target = MouseTarget.at(col: event.col, row: event.row, in: state)
    switch (target, event.button) {
    case (.help, .wheelUp): scrollHelp(by: -wheelLogLines, &state)
    case (.help, .wheelDown): scrollHelp(by: wheelLogLines, &state)
    case (.profileRow, .wheelUp), (.table, .wheelUp): moveSelectionByMouse(-1, &state)
    case (.profileRow, .wheelDown), (.table, .wheelDown): moveSelectionByMouse(1, &state)
    case (.logLine, .wheelUp), (.log, .wheelUp): scrollLog(by: -wheelLogLines, &state)
    case (.logLine, .wheelDown), (.log, .wheelDown): scrollLog(by: wheelLogLines, &state)
    case (.profileRow(let index), .left):
        state.focus = .table
        let visible = state.visibleProfiles
        guard index < visible.count else { return }
        select(visible[index].name, &state)
    case (.table, .left): state.focus = .table
    case (.logLine(let index), .left):
        state.focus = .log
        // Only the clicked line is read from the log, however many it holds.
        guard let line = state.visibleLog(skipping: index, limit: 1).first else { return }
        // Its profile, when the filter shows it (a hidden row cannot be selected).
        let name = line.profile
        guard state.logScope == .all, state.visibleProfiles.contains(where: { $0.name == name }) else { return }
        // The log keeps its place: the line clicked stays under the pointer.
        state.selectedName = name
    case (.log, .left): state.focus = .log
    default: break
    }
}

private func moveSelectionByMouse(_ delta: Int, _ state: inout DashboardState) {
    moveSelection(by: delta, &state)
    if state.logScope == .selected { state.logScroll = 0 }
}

private func select(_ name: String, _ state: inout DashboardState) {
    let changed = state.selectedProfile?.name != name
    state.selectedName = name
    if changed, state.logScope == .selected { state.logScroll = 0 }
}
