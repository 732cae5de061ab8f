/// The one table of key bindings. `update` resolves keys through it; the `?` help overlay, the
/// footer hints and the README's key table are all generated from it.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        // Table focus.
        KeyBinding([.up, .char("k")], .moveUp, .table, "Select the previous profile", footer: ("↑↓", "move")),
        KeyBinding([.down, .char("j")], .moveDown, .table, "Select the next profile"),
        KeyBinding([.char("g"), .home], .first, .table, "Select the first profile"),
        KeyBinding([.char("G"), .end], .last, .table, "Select the last profile"),
        // Log focus.
        KeyBinding(
            [.up, .char("k")], .scrollLogUp, .log, "Scroll the log one line towards newer", footer: ("↑↓", "scroll")),
        KeyBinding([.down, .char("j")], .scrollLogDown, .log, "Scroll the log one line towards older"),
        KeyBinding([.char("g"), .home], .scrollLogNewest, .log, "Jump to the newest log line"),
        KeyBinding([.char("G"), .end], .scrollLogOldest, .log, "Jump to the oldest log line"),
        // Anywhere on the dashboard.
        KeyBinding(
            (1...9).map { .char(Character(String($0))) }, .jump, .global, "Jump to profile 1-9 of the list",
            keyLabel: "1-9"),
        KeyBinding(
            [.tab], .toggleFocus, .global, "Switch focus between the profile table and the log",
            footer: ("Tab", "focus")),
        KeyBinding([.enter], .toggleDetail, .global, "Show or hide the detail pane", footer: ("Enter", "detail")),
        KeyBinding(
            [.char("r")], .refreshSelected, .global, "Refresh the selected profile now (asks first if rejected)",
            footer: ("r", "refresh"), acts: true),
        KeyBinding(
            [.char("R")], .refreshAll, .global, "Refresh all profiles now (asks first)", footer: ("R", "all"),
            acts: true),
        KeyBinding(
            [.char("p")], .togglePause, .global, "Pause or resume automatic refresh of the selected profile",
            footer: ("p", "pause"), acts: true),
        KeyBinding(
            [.char("/")], .startFilter, .global, "Filter profiles by name, merchant or tag", footer: ("/", "filter")),
        KeyBinding([.escape], .clearFilter, .global, "Clear the filter"),
        KeyBinding(
            [.char("l")], .toggleLogScope, .global, "Log shows all profiles or only the selected one",
            footer: ("l", "log")),
        KeyBinding(
            [.pageUp], .pageUp, .global, "Scroll the log one page towards newer", footer: ("PgUp/PgDn", "scroll")),
        KeyBinding([.pageDown], .pageDown, .global, "Scroll the log one page towards older"),
        KeyBinding([.char("t")], .cycleTheme, .global, "Switch to the next theme", footer: ("t", "theme")),
        KeyBinding(
            [.char("s")], .cycleSort, .global, "Sort: file order, name, state, expiry, code, merchant",
            footer: ("s", "sort")),
        KeyBinding(
            [.char("!")], .toggleProblems, .global, "Show only problems (not valid, late to refresh) or all",
            footer: ("!", "problems")),
        KeyBinding([.char("y")], .copyToken, .global, "Copy the selected token to the clipboard (asks first)"),
        KeyBinding([.char("Y")], .copyHeader, .global, "Copy the selected token as a Bearer header (asks first)"),
        KeyBinding([.char("a")], .acknowledgeAlerts, .global, "Acknowledge the alert banner (profiles that went bad)"),
        KeyBinding(
            [.ctrl("r")], .reloadProfiles, .global, "Reload the profiles file; unchanged profiles keep tokens",
            acts: true),
        KeyBinding([.char("T")], .toggleTimeline, .global, "Show the timeline of tokens and attempts"),
        KeyBinding([.char("?")], .toggleHelp, .global, "Show this help", footer: ("?", "help")),
        KeyBinding([.char("q")], .quit, .global, "Quit", footer: ("q", "quit")),
        // Timeline shown (the profile table's keys move the selection under it).
        KeyBinding(
            [.char("+"), .char("=")], .zoomTimelineIn, .timeline, "Zoom the timeline in (24h, 6h, 1h)",
            footer: ("+/-", "zoom")),
        KeyBinding([.char("-")], .zoomTimelineOut, .timeline, "Zoom the timeline out (1h, 6h, 24h)"),
        KeyBinding(
            [.char("T"), .escape], .closeTimeline, .timeline, "Return from the timeline to the table",
            footer: ("T/Esc", "back")),
        // Always, even in dialogs.
        KeyBinding([.ctrl("l")], .repaint, .always, "Repaint the whole screen"),
        KeyBinding([.f(10), .ctrl("c")], .quit, .always, "Quit"),
        // Typing a filter.
        KeyBinding([], .filterType, .filter, "Type to narrow the list", keyLabel: "text"),
        KeyBinding(
            [.backspace], .filterBackspace, .filter, "Delete the last character", footer: ("Backspace", "delete")),
        KeyBinding(
            [.enter], .filterApply, .filter, "Keep the filter and return to the list", footer: ("Enter", "apply")),
        KeyBinding(
            [.escape], .filterClear, .filter, "Clear the filter and return to the list", footer: ("Esc", "clear")),
        // Confirmation.
        KeyBinding([.char("y"), .char("Y")], .confirmYes, .confirm, "Yes, do it", footer: ("y", "yes")),
        KeyBinding([.char("n"), .char("N"), .escape], .confirmNo, .confirm, "No, cancel", footer: ("n/Esc", "cancel")),
        // Help overlay.
        KeyBinding([.up, .char("k")], .scrollHelpUp, .help, "Scroll the help up", footer: ("↑↓", "scroll")),
        KeyBinding([.down, .char("j")], .scrollHelpDown, .help, "Scroll the help down"),
        KeyBinding([.pageUp], .pageHelpUp, .help, "Scroll the help up a page"),
        KeyBinding([.pageDown, .char(" ")], .pageHelpDown, .help, "Scroll the help down a page"),
        KeyBinding([.char("?"), .escape, .char("q")], .closeHelp, .help, "Close the help", footer: ("?/Esc", "close")),
    ]

    /// The contexts consulted for a key, most specific first.
    public static func contexts(for state: DashboardState) -> [KeyContext] {
        if state.confirmation != nil { return [.confirm, .always] }
        if state.showHelp { return [.help, .always] }
        if state.isEditingFilter { return [.filter, .always] }
        if state.showTimeline { return [.timeline, .table, .global, .always] }
        return [state.focus == .log ? .log : .table, .global, .always]
    }

    /// What `key` does in `state`, or nil when it does nothing there.
    public static func action(for key: Key, in state: DashboardState) -> Action? {
        for context in contexts(for: state) {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        if state.confirmation == nil, !state.showHelp, state.isEditingFilter, case .char = key {
            return .filterType
        }
        return nil
    }

    /// Whether `action` acts on the refresher (a binding for it is marked `acts`), so a
    /// read-only viewer may not use it.
    public static func acts(_ action: Action) -> Bool {
        bindings.contains { $0.action == action && $0.acts }
    }

    /// The bindings of one context, in table order.
    public static func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context }
    }

    /// The bindings the footer offers in `state`: the focused pane's first, then the dashboard's.
    public static func footerBindings(for state: DashboardState) -> [KeyBinding] {
        contexts(for: state).flatMap { context in bindings(in: context).filter { $0.footer != nil } }
    }

    /// The key table for the README, in Markdown, grouped by context.
    public static func markdownTable() -> String {
        var lines = ["| Keys | Where | What it does |", "| --- | --- | --- |"]
        for context in KeyContext.helpOrder {
            for binding in bindings(in: context) {
                let keys =
                    binding.keys.isEmpty
                    ? binding.label : "`" + binding.label.replacingOccurrences(of: " / ", with: "` / `") + "`"
                let escapedKeys = keys.replacingOccurrences(of: "|", with: "\\|")
                lines.append("| \(escapedKeys) | \(context.title) | \(binding.description) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The help overlay's lines: a heading per context, then `keys  description`. Without
    /// `canAct` (a read-only viewer) the bindings that act say they are not available.
    public static func helpLines(canAct: Bool = true) -> [HelpLine] {
        var lines: [HelpLine] = []
        for context in KeyContext.helpOrder {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.heading(context.title))
            for binding in bindings(in: context) {
                let description = binding.acts && !canAct ? readOnlyPrefix + binding.description : binding.description
                lines.append(.binding(keys: binding.label, description: description))
            }
        }
        return lines
    }

    /// Put before the help of a binding a read-only viewer may not use: first, so a narrow help
    /// box that cuts a long description still shows it.
    static let readOnlyPrefix = "(not here: read-only) "

}

extension KeyContext {
    /// The order contexts are listed in help and the README.
    static let helpOrder: [KeyContext] = [.global, .table, .log, .timeline, .filter, .confirm, .help, .always]
}
