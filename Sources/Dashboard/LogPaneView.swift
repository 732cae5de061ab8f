import Foundation
import TokenModel

/// The newest attempts, newest on top: what EnKash answered each time. Listed and timed by when
/// each attempt finished (`FINISHED`), so times only go down the pane even when attempts overlap.
enum LogPaneView {
    enum Column: CaseIterable {
        case time, profile, outcome, resultCode, latency, message

        var heading: String {
            switch self {
            case .time: "FINISHED"
            case .profile: "PROFILE"
            case .outcome: "OUTCOME"
            case .resultCode: "CODE"
            case .latency: "LATENCY"
            case .message: "MESSAGE"
            }
        }
    }

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        // Only the page shown is read from the log, however many it holds.
        let total = state.visibleLogCount
        let page = max(0, rect.height - 3)
        let first = firstShown(scroll: state.logScroll, count: total, page: page)
        let shown = page > 0 ? state.visibleLog(skipping: first, limit: page) : []
        let scope = state.logScope == .all ? "all" : (state.selectedProfile?.name ?? "selected")
        let footnote = total > page && page > 0 ? "\(first + 1)-\(first + shown.count) of \(total)" : ""
        BoxDrawing.draw(
            rect, title: "Log · \(scope) (\(total))\(skippedNote(state))", footnote: footnote,
            style: state.focus == .log ? .borderFocused : .border, on: &grid)

        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        guard area.width > 0, area.height > 0 else { return }

        let texts = shown.map { record in Column.allCases.map { text($0, record, state) } }
        let specs = Column.allCases.enumerated().map { index, column in
            let natural = max(DisplayWidth.of(column.heading), texts.map { DisplayWidth.of($0[index]) }.max() ?? 0)
            switch column {
            case .time: return ColumnFit.Spec(natural: 8, minimum: 8, priority: 0)
            case .profile:
                return ColumnFit.Spec(natural: min(natural, 18), minimum: 6, priority: state.logScope == .all ? 3 : 5)
            case .outcome: return ColumnFit.Spec(natural: 9, minimum: 9, priority: 0)
            case .resultCode: return ColumnFit.Spec(natural: min(natural, 8), minimum: 4, priority: 1)
            case .latency: return ColumnFit.Spec(natural: 7, minimum: 7, priority: 4)
            case .message: return ColumnFit.Spec(natural: natural, minimum: 12, priority: 2, fills: true)
            }
        }
        let gap = ColumnFit.gap(for: area.width)
        let widths = ColumnFit.fit(specs, width: area.width, gap: gap)

        var col = area.col
        for (column, width) in zip(Column.allCases, widths) {
            guard let width else { continue }
            let heading =
                column == .latency ? DisplayWidth.padded(column.heading, to: width, alignRight: true) : column.heading
            grid.write(heading, row: area.row, col: col, width: width, style: .columnHeader)
            col += width + gap
        }
        if total == 0 {
            grid.write("No attempts yet.", row: area.row + 1, col: area.col, width: area.width, style: .dim)
            return
        }
        for (offset, (record, values)) in zip(shown, texts).enumerated() {
            let row = area.row + 1 + offset
            var col = area.col
            for (index, (column, width)) in zip(Column.allCases, widths).enumerated() {
                guard let width else { continue }
                let style: Style
                switch column {
                case .outcome: style = .outcome(record.outcome)
                case .time: style = .dim
                case .message: style = record.outcome == .success ? .normal : .error
                default: style = .normal
                }
                let value =
                    column == .latency ? DisplayWidth.padded(values[index], to: width, alignRight: true) : values[index]
                grid.write(value, row: row, col: col, width: width, style: style)
                col += width + gap
            }
        }
    }

    /// The index (in `visibleLog`) of the top line shown: `scroll` lines past the newest, never
    /// past the oldest page.
    static func firstShown(scroll: Int, count: Int, page: Int) -> Int {
        min(scroll, max(0, count - page))
    }

    static func text(_ column: Column, _ record: AttemptRecord, _ state: DashboardState) -> String {
        switch column {
        case .time: TimeText.clock(record.finishedAt, in: state.timeZone)
        case .profile: record.profile
        case .outcome: record.outcome.rawValue
        case .resultCode: record.resultCode?.description ?? (record.httpStatus.map { "http \($0)" } ?? "-")
        case .latency: ValueText.latency(record.latency)
        case .message: message(record)
        }
    }

    /// How many result-log lines the history at start could not read, when any did not parse.
    static func skippedNote(_ state: DashboardState) -> String {
        state.historySkipped > 0
            ? " · \(state.historySkipped) unreadable \(state.historySkipped == 1 ? "line" : "lines") skipped" : ""
    }

    /// Ours, then the server's words (`AttemptRecord.shortSummary`).
    static func message(_ record: AttemptRecord) -> String {
        record.shortSummary
    }
}
