/// What lies under a cell of the screen, for the mouse: resolved against the same `Layout` and
/// scroll positions the views draw with, so a click lands on the row the operator sees there.
public enum MouseTarget: Sendable, Equatable {
    /// A profile row of the table: its index in `visibleProfiles`.
    case profileRow(Int)
    /// The table pane off any profile row: its border, title, column headings, empty rows.
    case table
    /// A line of the log pane: its index in `visibleLog`.
    case logLine(Int)
    /// The log pane off any line.
    case log
    /// The help overlay is open: the screen belongs to it.
    case help
    /// Nothing the mouse acts on: header, banner, detail pane, footer, a dialog, the timeline, off
    /// the screen.
    case none

    public static func at(col: Int, row: Int, in state: DashboardState) -> MouseTarget {
        if state.confirmation != nil { return .none }
        if state.showHelp { return .help }
        // The timeline draws over the table and the log: a click must not land on rows hidden under it.
        if state.showTimeline { return .none }
        let layout = Layout(state)
        guard !layout.tooSmall else { return .none }
        if contains(layout.table, col: col, row: row) {
            return tableTarget(col: col, row: row, rect: layout.table, state: state)
        }
        if let log = layout.log, contains(log, col: col, row: row) {
            return logTarget(col: col, row: row, rect: log, state: state)
        }
        return .none
    }

    private static func tableTarget(col: Int, row: Int, rect: Rect, state: DashboardState) -> MouseTarget {
        let inner = rect.inner
        let capacity = max(0, rect.height - 3)
        let count = state.visibleProfiles.count
        let first = ProfileTableView.firstShown(selected: state.selectedIndex, count: count, capacity: capacity)
        // Profile rows start under the column headings.
        let offset = row - (inner.row + 1)
        guard contains(inner, col: col, row: row), offset >= 0, offset < capacity, first + offset < count else {
            return .table
        }
        return .profileRow(first + offset)
    }

    private static func logTarget(col: Int, row: Int, rect: Rect, state: DashboardState) -> MouseTarget {
        let inner = rect.inner
        let page = max(0, rect.height - 3)
        let count = state.visibleLogCount
        let first = LogPaneView.firstShown(scroll: state.logScroll, count: count, page: page)
        let offset = row - (inner.row + 1)
        guard contains(inner, col: col, row: row), offset >= 0, offset < page, first + offset < count else {
            return .log
        }
        return .logLine(first + offset)
    }

    private static func contains(_ rect: Rect, col: Int, row: Int) -> Bool {
        col >= rect.col && col < rect.col + rect.width && row >= rect.row && row < rect.row + rect.height
    }
}
