import Foundation
import TokenModel

/// The selected profile in full. Never a token or a secret: the fingerprint and the masked
/// access key are all `ProfileStatus` holds.
enum DetailPaneView {
    struct Item {
        var label: String
        var value: String
        var style: Style = .normal
        /// Wide items get a line of their own; the others pair up in two columns.
        var wide = false
        /// Attempts drawn as a sparkline before `value` (the history line).
        var history: ProfileHistory?
    }

    /// The most bars the sparkline draws, however wide the pane.
    static let sparklineLimit = 48

    static let labelWidth = 13
    /// Below this inner width the items are listed one per line.
    static let twoColumnWidth = 70

    /// The number of lines the pane's items take at `width` (inside the border).
    static func lineCount(width: Int) -> Int {
        rows(for: items(nil, DashboardState.placeholder), width: width).count
    }

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        let profile = state.selectedProfile
        var title = "Detail"
        if let profile {
            title = "\(profile.name) · \(profile.merchant) · \(profile.environment)"
            if !profile.tags.isEmpty { title += " · tags: \(profile.tags.joined(separator: ", "))" }
        }
        BoxDrawing.draw(rect, title: title, style: .border, on: &grid)
        let inner = rect.inner
        guard let profile else {
            grid.write("No profile selected.", row: inner.row, col: inner.col + 1, width: inner.width - 2, style: .dim)
            return
        }
        let lines = rows(for: items(profile, state), width: inner.width)
        let half = (inner.width - 2) / 2
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            let row = inner.row + offset
            for (slot, item) in line.enumerated() {
                let col = inner.col + 1 + slot * (half + 1)
                let width = line.count == 1 ? inner.width - 2 : half - 1
                drawItem(item, row: row, col: col, width: width, glyphs: state.glyphs, on: &grid)
            }
        }
    }

    private static func drawItem(_ item: Item, row: Int, col: Int, width: Int, glyphs: Glyphs, on grid: inout CellGrid)
    {
        guard width > 0 else { return }
        var used = grid.write(
            DisplayWidth.padded(item.label, to: min(labelWidth, width)), row: row, col: col, width: width, style: .dim)
        if let history = item.history, !history.entries.isEmpty {
            let room = width - used - DisplayWidth.of(item.value) - 2
            let bars = Sparkline.cells(history, width: min(sparklineLimit, room), glyphs: glyphs)
            for (offset, cell) in bars.enumerated() { grid.put(cell, row: row, col: col + used + offset) }
            if !bars.isEmpty { used += bars.count + 2 }
        }
        grid.write(item.value, row: row, col: col + used, width: width - used, style: item.style)
    }

    /// The items laid out in lines: pairs of narrow items side by side when there is room.
    static func rows(for items: [Item], width: Int) -> [[Item]] {
        guard width >= twoColumnWidth else { return items.map { [$0] } }
        var lines: [[Item]] = []
        var pending: Item?
        for item in items {
            if item.wide {
                if let waiting = pending {
                    lines.append([waiting])
                    pending = nil
                }
                lines.append([item])
            } else if let waiting = pending {
                lines.append([waiting, item])
                pending = nil
            } else {
                pending = item
            }
        }
        if let pending { lines.append([pending]) }
        return lines
    }

    static func items(_ profile: ProfileStatus?, _ state: DashboardState) -> [Item] {
        let zone = state.timeZone
        let attempt = profile?.lastAttempt
        func local(_ date: Date?) -> String {
            guard let date else { return "-" }
            return "\(TimeText.dateTime(date, in: zone)) \(TimeText.zoneLabel(zone, at: date))"
        }
        var expires = "-"
        if let date = profile?.expiresAt {
            let utc = "\(TimeText.dateTime(date, in: .gmt)) UTC"
            expires = zone.secondsFromGMT(for: date) == 0 ? utc : "\(local(date)) · \(utc)"
            expires += " (\(date > state.now ? "in " : "")\(CountdownText.format(expiresAt: date, now: state.now)))"
        }
        var next = "-"
        if let date = profile?.nextRefreshAt {
            next = TimeText.clock(date, in: zone)
            if date > state.now { next += " (in \(CountdownText.format(expiresAt: date, now: state.now)))" }
        }
        var attempts = profile.map { String($0.attempts) } ?? "-"
        if let attempt, attempt.attempt > 1 { attempts += " (try \(attempt.attempt))" }
        var result = "-"
        if let attempt, attempt.resultCode != nil || attempt.resultMessage != nil {
            result = [attempt.resultCode?.description, attempt.resultMessage].compactMap { $0 }.joined(separator: " ")
        }
        let error = attempt?.error
        // Where requests go: the base URL, and the proxy on the way (host:port only) or `direct`.
        var endpoint = "-"
        if let profile { endpoint = "\(profile.baseURL) · \(profile.proxy.map { "proxy \($0)" } ?? "direct")" }
        return [
            Item(label: "Base URL", value: endpoint, wide: true),
            Item(label: "Access key", value: profile?.maskedAccessKey ?? "-"),
            Item(label: "Fingerprint", value: profile?.tokenFingerprint ?? "-"),
            Item(label: "Issued at", value: local(profile?.issuedAt)),
            Item(label: "Next refresh", value: next),
            Item(label: "Expires at", value: expires, wide: true),
            Item(label: "Attempts", value: attempts),
            Item(label: "HTTP status", value: attempt?.httpStatus.map(String.init) ?? "-"),
            Item(label: "Latency", value: attempt.map { ValueText.latency($0.latency) } ?? "-"),
            Item(label: "Clock skew", value: attempt?.skew.map(ValueText.skew) ?? "-"),
            Item(label: "Result", value: result, style: attempt?.outcome == .rejected ? .error : .normal, wide: true),
            Item(label: "Last error", value: error ?? "-", style: error == nil ? .dim : .error, wide: true),
            // Last: the line `Layout` leaves out when it would cost the table a row.
            historyItem(profile, state),
        ]
    }

    /// The selected profile's recent latencies as a sparkline, and its success ratios.
    private static func historyItem(_ profile: ProfileStatus?, _ state: DashboardState) -> Item {
        guard let profile else { return Item(label: "History", value: "-", wide: true) }
        let history = state.history(of: profile.name)
        guard !history.entries.isEmpty else {
            return Item(label: "History", value: "no attempts yet", style: .dim, wide: true)
        }
        return Item(label: "History", value: Sparkline.ratioText(history, now: state.now), wide: true, history: history)
    }
}

extension DashboardState {
    /// A state with nothing in it, for measuring.
    static let placeholder = DashboardState(configSource: "", now: Date(timeIntervalSince1970: 0), timeZone: .gmt)
}
