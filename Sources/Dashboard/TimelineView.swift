import Foundation
import TokenModel

/// The timeline (`T`): one row per visible profile, in the table's order, time across. Each
/// column is a stretch of `TimelineScale.columnSeconds`: a valid token (the `state.valid` role),
/// none (`state.expired`), nothing known yet (blank), or an attempt's tick coloured by its
/// outcome (the log's roles). The axis below labels local `HH:MM`. Drawn from the quantised
/// scale, with no countdown: the area moves once per column interval, and otherwise changes
/// only when something happens (an attempt, a token expiring).
enum TimelineView {
    /// Fewer time columns than this and the timeline says it has no room.
    static let minimumColumns = 10

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        let glyphs = state.glyphs
        let legend =
            "\(glyphs.tokenHeld) token  \(glyphs.tokenNone) none  \(glyphs.tickSuccess) ok  "
            + "\(glyphs.tickTransient) failed  \(glyphs.tickRejected) rejected"
        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        let visible = state.visibleProfiles
        let nameWidth = min(20, max(6, visible.map { DisplayWidth.of($0.name) }.max() ?? 6))
        let columns = area.width - nameWidth - 1
        let scale = TimelineScale(span: state.timelineSpan, columns: max(1, columns), now: state.now)
        let minutes = scale.columnSeconds / 60
        let seconds = scale.columnSeconds % 60
        let step =
            minutes == 0
            ? "\(seconds)s" : seconds == 0 ? "\(minutes)m" : "\(minutes)m \(seconds < 10 ? "0" : "")\(seconds)s"
        BoxDrawing.draw(
            rect, title: "Timeline · last \(state.timelineSpan.label) · 1 column = \(step)", footnote: legend,
            style: .borderFocused, on: &grid)
        guard area.width > 0, area.height > 0 else { return }
        guard columns >= minimumColumns else {
            grid.write("Too narrow for the timeline.", row: area.row, col: area.col, width: area.width, style: .dim)
            return
        }
        guard !visible.isEmpty else {
            grid.write("No profiles.", row: area.row, col: area.col, width: area.width, style: .dim)
            return
        }
        let capacity = max(0, area.height - 1)
        let selected = state.selectedIndex ?? 0
        let top = selected >= capacity ? selected - capacity + 1 : 0
        let timeCol = area.col + nameWidth + 1
        for (offset, profile) in visible.dropFirst(top).prefix(capacity).enumerated() {
            let row = area.row + offset
            let isSelected = top + offset == selected
            grid.write(
                DisplayWidth.padded(profile.name, to: nameWidth), row: row, col: area.col, width: nameWidth,
                style: isSelected ? .selected : .normal)
            let marks = TimelineMark.row(
                state.history(of: profile.name), seed: seed(profile), scale: scale, now: state.now)
            for (column, mark) in marks.enumerated() {
                guard let cell = cell(mark, glyphs) else { continue }
                grid.put(cell, row: row, col: timeCol + column)
            }
        }
        drawAxis(
            scale, zone: state.timeZone, row: area.row + min(capacity, visible.count - top), col: timeCol, on: &grid)
    }

    /// The token a profile's status holds now (issued, expires), for a token the log may not show.
    static func seed(_ profile: ProfileStatus) -> (issuedAt: Date, expiresAt: Date)? {
        guard profile.state != .rejected, let issued = profile.issuedAt, let expires = profile.expiresAt else {
            return nil
        }
        return (issued, expires)
    }

    static func cell(_ mark: TimelineMark, _ glyphs: Glyphs) -> Cell? {
        switch mark {
        case .unknown: nil
        case .held: Cell(glyphs.tokenHeld, .state(.valid))
        case .gap: Cell(glyphs.tokenNone, .state(.expired))
        case .attempt(let outcome): Cell(glyphs.tick(outcome), .outcome(outcome))
        }
    }

    /// `HH:MM` from each column where a whole step of local time begins (a label that would not
    /// fit before the right edge is left out).
    private static func drawAxis(_ scale: TimelineScale, zone: TimeZone, row: Int, col: Int, on grid: inout CellGrid) {
        for label in scale.labelColumns(in: zone) where label.column + 5 <= scale.columns {
            grid.write(
                String(TimeText.clock(label.time, in: zone).prefix(5)), row: row, col: col + label.column, style: .dim)
        }
    }
}
