import TokenModel

/// The line under the header while alerts wait: which profiles went bad, and the key that
/// acknowledges them. `! nova-travel rejected at 03:12:05 (a: acknowledge)`, or for several
/// `! 3 profiles need attention: nova-travel, orbit-logistics, … (a: acknowledge)`.
enum AlertBannerView {
    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        guard rect.width > 0, rect.height > 0 else { return }
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: 1, with: Cell(" ", .normal))
        let hint = " (\(acknowledgeKey): acknowledge)"
        let message = text(state)
        let room = rect.width - 2
        // The hint is dropped before the names are cut to nothing.
        let keepHint = DisplayWidth.of(hint) + 12 <= room
        let messageWidth = keepHint ? room - DisplayWidth.of(hint) : room
        let used = grid.write(message, row: rect.row, col: rect.col + 1, width: messageWidth, style: .error)
        if keepHint { grid.write(hint, row: rect.row, col: rect.col + 1 + used, style: .dim) }
    }

    /// What the banner says about the pending alerts, without the key hint.
    static func text(_ state: DashboardState) -> String {
        let alerts = state.alerts.pending
        guard let first = alerts.first else { return "" }
        if alerts.count == 1 {
            return "! \(first.name) \(first.state.rawValue) at \(TimeText.clock(first.since, in: state.timeZone))"
        }
        return "! \(alerts.count) profiles need attention: " + alerts.map(\.name).joined(separator: ", ")
    }

    /// The key the key map binds to acknowledging, as the banner names it.
    static var acknowledgeKey: String {
        KeyMap.bindings.first { $0.action == .acknowledgeAlerts }?.label ?? "a"
    }
}
