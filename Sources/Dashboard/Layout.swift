/// Where each pane goes for a state's terminal size and toggles. Shared by `view` (to draw) and
/// `update` (to page the log by what is visible).
///
/// Order of dropping when space runs short: the detail pane's history line goes first (it never
/// takes a row the table needs), then the log when the detail pane was asked for, then the
/// detail pane; the table always stays (scrolling if needed). Below
/// `minimumCols` × `minimumRows` only a "terminal too small" notice is shown.
public struct Layout: Sendable, Equatable {
    public static let minimumCols = 40
    public static let minimumRows = 10

    public var tooSmall: Bool
    public var header: Rect
    /// The alert banner under the header, while alerts wait for acknowledgment.
    public var banner: Rect?
    /// Everything between the header (and banner) and the footer: where the timeline goes.
    public var body: Rect
    public var table: Rect
    public var detail: Rect?
    public var log: Rect?
    public var footer: Rect

    public init(_ state: DashboardState) {
        let cols = state.size.cols
        let rows = state.size.rows
        tooSmall = cols < Layout.minimumCols || rows < Layout.minimumRows
        header = Rect(row: 0, col: 0, width: cols, height: 1)
        footer = Rect(row: max(0, rows - 1), col: 0, width: cols, height: 1)
        table = Rect(row: 1, col: 0, width: cols, height: 0)
        body = Rect(row: 1, col: 0, width: cols, height: 0)
        guard !tooSmall else { return }

        // The banner takes the line under the header; everything else moves down by it.
        var top = 1
        if !state.alerts.isEmpty {
            banner = Rect(row: 1, col: 0, width: cols, height: 1)
            top = 2
        }
        let bodyHeight = rows - 1 - top
        body = Rect(row: top, col: 0, width: cols, height: bodyHeight)
        let count = max(1, state.visibleProfileCount)
        let tableFull = 3 + count
        let tableMin = 3 + min(count, 3)
        let logMin = 4

        /// The table's and the log's heights in `rest` rows.
        func split(_ rest: Int) -> (table: Int, log: Int) {
            let table = rest >= tableFull ? tableFull : max(tableMin, rest * 2 / 3)
            return rest - table < logMin ? (rest, 0) : (table, rest - table)
        }
        var detailHeight = 0
        if state.showDetail {
            let wanted = 2 + DetailPaneView.lineCount(width: cols - 2)
            if bodyHeight - wanted >= min(tableFull, 8) { detailHeight = wanted }
            // The pane's last line (the history sparkline) only where it costs the table none of
            // the rows its profiles need.
            let rowsNeeded = { (rest: Int) in min(split(rest).table, tableFull) }
            if detailHeight > 0, rowsNeeded(bodyHeight - wanted) < rowsNeeded(bodyHeight - wanted + 1) {
                detailHeight -= 1
            }
            if detailHeight == 0, bodyHeight - wanted + 1 >= min(tableFull, 8) { detailHeight = wanted - 1 }
        }
        let (tableHeight, logHeight) = split(bodyHeight - detailHeight)
        table = Rect(row: top, col: 0, width: cols, height: tableHeight)
        var next = top + tableHeight
        if detailHeight > 0 {
            detail = Rect(row: next, col: 0, width: cols, height: detailHeight)
            next += detailHeight
        }
        if logHeight > 0 { log = Rect(row: next, col: 0, width: cols, height: logHeight) }
    }

    /// How many log lines are visible at once (0 when the log pane is not shown).
    public var logPageSize: Int { log.map { max(0, $0.height - 3) } ?? 0 }

    /// How many lines of the help overlay show at once on a screen of `size`.
    public static func helpPageSize(for size: TerminalSize) -> Int { OverlayView.helpPageSize(size) }

    /// How many profile rows the table shows at once.
    public var tableCapacity: Int { max(0, table.height - 3) }
}
