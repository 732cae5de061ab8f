/// What a key binding does. `update` performs actions; the key map says which key means which.
public enum Action: String, Sendable, Equatable, CaseIterable {
    case moveUp, moveDown, jump, first, last
    case scrollLogUp, scrollLogDown, scrollLogNewest, scrollLogOldest, pageUp, pageDown
    case toggleFocus, toggleDetail
    case refreshSelected, refreshAll, togglePause
    case startFilter, filterType, filterBackspace, filterApply, filterClear, clearFilter
    case toggleLogScope, cycleTheme, repaint, toggleHelp, closeHelp, scrollHelpUp, scrollHelpDown, pageHelpUp,
        pageHelpDown, quit
    case confirmYes, confirmNo
    case copyToken, copyHeader, reloadProfiles
    case cycleSort, toggleProblems
    case acknowledgeAlerts
    case toggleTimeline, closeTimeline, zoomTimelineIn, zoomTimelineOut
}
