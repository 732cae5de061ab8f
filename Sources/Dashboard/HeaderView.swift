import TokenModel

/// The top line: product, config source, local time, counts per state, theme name.
enum HeaderView {
    typealias Segment = (text: String, style: Style)

    static func draw(_ state: DashboardState, in rect: Rect, on grid: inout CellGrid) {
        guard rect.width > 0 else { return }
        grid.fill(row: rect.row, col: rect.col, width: rect.width, height: 1, with: Cell(" ", .header))
        let tally = state.stateCounts
        let counts = ProfileState.allCases.compactMap { s -> (ProfileState, Int)? in
            tally[s].map { (s, $0) }
        }
        let long: [Segment] = counts.map { ("\(StateBadge.symbol($0.0)) \($0.1) \($0.0.rawValue)", .state($0.0)) }
        let short: [Segment] = counts.map { ("\(StateBadge.symbol($0.0))\($0.1)", .state($0.0)) }
        let theme = "theme: \(state.themeName)"
        let time =
            "\(TimeText.clock(state.now, in: state.timeZone)) \(TimeText.zoneLabel(state.timeZone, at: state.now))"
        // The profiles file is shortened from the left; the mode ("attached to daemon pid N")
        // is kept whole after it, so a viewer always sees which file it is attached for (and
        // that it is read-only, when it is).
        func source(width: Int) -> String {
            let file = ValueText.leftTruncated(state.configSource, to: width)
            let mode = [state.modeLabel, state.canAct ? nil : "read-only"].compactMap { $0 }.joined(separator: " · ")
            return mode.isEmpty ? file : "\(file) · \(mode)"
        }

        // The sort (when not file order) and the problems view with its count: what the table is
        // showing, kept in every form of the header.
        let view = viewText(state)
        // Try the fullest form first, then drop detail until it fits.
        let attempts: [(counts: [Segment], gap: String, theme: Bool, sourceWidth: Int)] = [
            (long, "  ", true, 40), (short, "  ", true, 40), (short, " ", true, 24), (short, " ", false, 24),
            (short, " ", false, 12), ([], "", false, 12),
        ]
        for attempt in attempts {
            let left: [Segment] =
                [
                    (" tokentop", .title), ("  ", .header),
                    (source(width: attempt.sourceWidth), .header), ("  ", .header), (time, .header),
                ]
                + (view.isEmpty ? [] : [("  ", .header), (view, .header)])
            var middle: [Segment] = []
            for segment in attempt.counts {
                middle.append((attempt.gap, .header))
                middle.append(segment)
            }
            let right: [Segment] = attempt.theme ? [(theme + " ", .header)] : []
            let width =
                [left, middle, right].joined().reduce(0) { $0 + DisplayWidth.of($1.text) } + (attempt.theme ? 2 : 0)
            if width <= rect.width || attempt.counts.isEmpty && !attempt.theme {
                var col = rect.col
                for segment in left + middle {
                    col += grid.write(
                        segment.text, row: rect.row, col: col, width: rect.col + rect.width - col, style: segment.style)
                }
                if let last = right.first {
                    grid.write(
                        last.text, row: rect.row, col: rect.col + rect.width - DisplayWidth.of(last.text),
                        style: last.style)
                }
                return
            }
        }
    }

    /// `sort: name · problems 2/35`; empty in file order with every profile shown.
    static func viewText(_ state: DashboardState) -> String {
        var parts: [String] = []
        if state.sort != .file { parts.append("sort: \(state.sort.label)") }
        if state.problemsOnly { parts.append("problems \(state.problemCount)/\(state.profiles.count)") }
        return parts.joined(separator: " · ")
    }
}
