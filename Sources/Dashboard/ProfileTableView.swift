import Foundation
import TokenModel

/// The profile table: one row per visible profile, columns dropped right to left by priority
/// when the terminal is narrow.
enum ProfileTableView {
    enum Column: CaseIterable {
        case index, name, merchant, environment, state, countdown, lifetime, resultCode, nextRefresh

        var heading: String {
            switch self {
            case .index: "#"
            case .name: "NAME"
            case .merchant: "MERCHANT"
            case .environment: "ENV"
            case .state: "STATE"
            case .countdown: "EXPIRES IN"
            case .lifetime: "LIFETIME"
            case .resultCode: "CODE"
            case .nextRefresh: "NEXT"
            }
        }

        var priority: Int {
            switch self {
            case .index, .name, .state: 0
            case .countdown: 1
            case .resultCode: 2
            case .nextRefresh: 3
            case .merchant: 4
            case .environment: 5
            case .lifetime: 6
            }
        }

        /// Free text of any length (names): given spare width beyond `limits.maximum` on a wide
        /// screen, so it is not cut beside empty columns.
        var isText: Bool { self == .name || self == .merchant || self == .environment }

        var limits: (minimum: Int, maximum: Int) {
            switch self {
            case .index: (1, 1)
            case .name: (6, 24)
            case .merchant: (6, 20)
            case .environment: (3, 12)
            case .state: (StateBadge.width, StateBadge.width)
            case .countdown: (7, 19)
            case .lifetime: (ProfileTableView.barWidth, ProfileTableView.barWidth)
            case .resultCode: (4, 10)
            case .nextRefresh: (8, 8)
            }
        }
    }

    static let barWidth = 10

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        let visible = state.visibleProfiles
        let focused = state.focus == .table && !state.isEditingFilter
        let capacity = max(0, rect.height - 3)
        let selected = state.selectedIndex
        let first = firstShown(selected: selected, count: visible.count, capacity: capacity)
        let shown = capacity > 0 && !visible.isEmpty ? Array(visible[first..<min(visible.count, first + capacity)]) : []

        var title =
            visible.count == state.profiles.count
            ? "Profiles (\(state.profiles.count))" : "Profiles (\(visible.count) of \(state.profiles.count))"
        if state.problemsOnly { title += " · problems" }
        if !state.filter.isEmpty { title += " · filter: \(state.filter)" }
        let footnote =
            visible.count > capacity && capacity > 0
            ? "\(first + 1)-\(first + shown.count) of \(visible.count)" : ""
        BoxDrawing.draw(rect, title: title, footnote: footnote, style: focused ? .borderFocused : .border, on: &grid)

        let inner = rect.inner
        let area = Rect(row: inner.row, col: inner.col + 1, width: inner.width - 2, height: inner.height)
        guard area.width > 0, area.height > 0 else { return }

        let columns = Column.allCases
        let specs = columns.map { column in
            let values = shown.map { DisplayWidth.of(text(column, $0, index: 0, state)) }
            let widest = max(DisplayWidth.of(column.heading), values.max() ?? 0, column.limits.minimum)
            let natural = min(column.limits.maximum, widest)
            return ColumnFit.Spec(
                natural: natural, minimum: column.limits.minimum, priority: column.priority,
                full: column.isText ? widest : nil)
        }
        let gap = ColumnFit.gap(for: area.width)
        let widths = ColumnFit.fit(specs, width: area.width, gap: gap)

        var col = area.col
        for (column, width) in zip(columns, widths) {
            guard let width else { continue }
            let heading =
                column == .countdown ? DisplayWidth.padded(column.heading, to: width, alignRight: true) : column.heading
            grid.write(heading, row: area.row, col: col, width: width, style: .columnHeader)
            col += width + gap
        }

        if visible.isEmpty {
            let message = emptyMessage(state)
            grid.write(message, row: area.row + 1, col: area.col, width: area.width, style: .dim)
            return
        }

        for (offset, profile) in shown.enumerated() {
            let row = area.row + 1 + offset
            let index = first + offset
            let isSelected = index == selected
            let rowStyle: Style = isSelected ? .selected : .normal
            if isSelected { grid.restyle(row: row, col: inner.col, width: inner.width, style: .selected) }
            var col = area.col
            for (column, width) in zip(columns, widths) {
                guard let width else { continue }
                switch column {
                case .lifetime:
                    drawBar(profile, state, row: row, col: col, width: width, on: &grid)
                case .state:
                    grid.write(
                        text(column, profile, index: index, state), row: row, col: col, width: width,
                        style: .state(profile.state))
                default:
                    let value = text(column, profile, index: index, state)
                    let style: Style =
                        column == .countdown && profile.state == .expired && !isSelected ? .state(.expired) : rowStyle
                    let padded =
                        column == .countdown || column == .resultCode
                        ? DisplayWidth.padded(
                            value, to: width, alignRight: column == .countdown, ellipsis: grid.glyphs.ellipsis) : value
                    grid.write(padded, row: row, col: col, width: width, style: style)
                }
                col += width + gap
            }
            if isSelected { grid.put(Cell(">", .selected), row: row, col: inner.col) }
        }
    }

    /// What an empty table says: no profiles, no problems, or nothing matching the filter.
    static func emptyMessage(_ state: DashboardState) -> String {
        if state.profiles.isEmpty { return "No profiles." }
        if state.problemsOnly, state.problemCount == 0 {
            return ProblemRule.noneMessage(total: state.profiles.count, disabled: state.stateCounts[.disabled] ?? 0)
        }
        let what = state.problemsOnly ? "problem" : "profile"
        return "No \(what) matches \"\(state.filter)\". Esc clears the filter."
    }

    /// The index of the top row shown: the list scrolls just enough to keep the selection in view.
    static func firstShown(selected: Int?, count: Int, capacity: Int) -> Int {
        min(max(0, (selected ?? 0) - capacity + 1), max(0, count - capacity))
    }

    static func text(_ column: Column, _ profile: ProfileStatus, index: Int, _ state: DashboardState) -> String {
        switch column {
        case .index: index < 9 ? String(index + 1) : ""
        case .name: profile.name
        case .merchant: profile.merchant
        case .environment: profile.environment
        case .state: StateBadge.text(profile.state, glyphs: state.glyphs)
        case .countdown: CountdownText.coarse(expiresAt: profile.expiresAt, now: state.now)
        case .lifetime: ""
        case .resultCode: profile.lastAttempt?.resultCode?.description ?? "-"
        case .nextRefresh: profile.nextRefreshAt.map { TimeText.clock($0, in: state.timeZone) } ?? "-"
        }
    }

    /// The share of the token's lifetime still ahead, 0...1; nil without a token.
    static func remainingFraction(_ profile: ProfileStatus, now: Date) -> Double? {
        guard let issued = profile.issuedAt, let expires = profile.expiresAt else { return nil }
        let lifetime = expires.timeIntervalSince(issued)
        guard lifetime > 0 else { return 0 }
        let fraction = expires.timeIntervalSince(now) / lifetime
        return fraction.isFinite ? min(1, max(0, fraction)) : 0
    }

    private static func drawBar(
        _ profile: ProfileStatus, _ state: DashboardState, row: Int, col: Int, width: Int, on grid: inout CellGrid
    ) {
        let fraction = remainingFraction(profile, now: state.now) ?? 0
        // Rounded up: a token with any time left shows at least one block.
        let filled = min(width, max(0, Int((fraction * Double(width)).rounded(.up))))
        let fullStyle: Style = fraction < 0.25 ? .barLow : .barFull
        for offset in 0..<width {
            let isFull = offset < filled
            grid.put(
                Cell(isFull ? grid.glyphs.barFull : grid.glyphs.barEmpty, isFull ? fullStyle : .barEmpty), row: row,
                col: col + offset)
        }
    }
}
