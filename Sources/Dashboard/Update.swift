import Foundation
import TokenModel

/// The dashboard's one state transition: apply `msg` to `state` and say what effects to run.
/// Pure: no I/O, no clock, no terminal.
public func update(_ state: inout DashboardState, _ msg: DashboardMsg) -> [DashboardCommand] {
    switch msg {
    case .key(let key):
        state.notice = nil
        state.noticeIsError = true
        guard let action = KeyMap.action(for: key, in: state) else { return [] }
        if !state.canAct && KeyMap.acts(action) {
            state.notice = readOnlyNotice
            return []
        }
        return perform(action, key: key, on: &state)
    case .mouse(let event):
        updateMouse(event, &state)
        return []
    case .tick(let date):
        state.now = date
        return []
    case .resize(let cols, let rows):
        state.size = TerminalSize(cols: cols, rows: rows)
        clampLogScroll(&state)
        scrollHelp(by: 0, &state)
        return []
    case .snapshot(let profiles):
        state.profiles = profiles
        keepSelection(&state)
        return state.alerts.observe(all: profiles, at: state.now) ? state.bellCommands : []
    case .auth(let event):
        let ring = state.alerts.observe(event, at: state.now)
        apply(event, to: &state)
        return ring ? state.bellCommands : []
    case .notice(let text):
        state.notice = text
        state.noticeIsError = true
        return []
    case .info(let text):
        state.notice = text
        state.noticeIsError = false
        return []
    case .history(let records, let skipped):
        // Read back in the background while attempts may have arrived: those stay, once each.
        let top = state.logScroll > 0 ? state.visibleLog(skipping: state.logScroll, limit: 1).first : nil
        // Only this file's profiles: the default result log is shared by every profiles file
        // (and `--demo`) run by the same user.
        let known = Set(state.profiles.map(\.name))
        state.log.merge(records.filter { known.contains($0.profile) })
        state.historySkipped += skipped
        // Someone reading older lines keeps their place as history lands beside them.
        if let top {
            let above = state.visibleLog(skipping: 0, limit: state.logScroll + records.count + 1)
            state.logScroll = above.firstIndex(of: top) ?? state.logScroll
        }
        clampLogScroll(&state)
        return []
    case .mode(let label):
        state.modeLabel = label
        return []
    }
}

/// Why a key that acts does nothing in a read-only viewer, and what would let it.
let readOnlyNotice =
    "read-only: the refresher lets this user only watch; refresh, pause and reload need its user or root "
    + "(or a daemon started with --socket-group-can-act)"

private func perform(_ action: Action, key: Key, on state: inout DashboardState) -> [DashboardCommand] {
    switch action {
    case .moveUp: moveSelection(by: -1, &state)
    case .moveDown: moveSelection(by: 1, &state)
    case .jump:
        let visible = state.visibleProfiles
        if let digit = key.digit, digit <= visible.count { state.selectedName = visible[digit - 1].name }
    case .first: state.selectedName = state.visibleProfiles.first?.name ?? state.selectedName
    case .last: state.selectedName = state.visibleProfiles.last?.name ?? state.selectedName
    case .scrollLogUp: scrollLog(by: -1, &state)
    case .scrollLogDown: scrollLog(by: 1, &state)
    case .scrollLogNewest: state.logScroll = 0
    case .scrollLogOldest:
        state.logScroll = Int.max
        clampLogScroll(&state)
    case .pageUp: scrollLog(by: -max(1, Layout(state).logPageSize), &state)
    case .pageDown: scrollLog(by: max(1, Layout(state).logPageSize), &state)
    case .toggleFocus: state.focus = state.focus == .table ? .log : .table
    case .toggleDetail: state.showDetail.toggle()
    case .refreshSelected:
        guard let profile = state.selectedProfile else { return [] }
        // `rejected` also while the row shows `paused`: the refresh still needs force.
        if profile.state == .rejected || profile.rejected {
            state.confirmation = .refreshRejected(profile.name)
            return []
        }
        return [.refresh(profile.name)]
    case .refreshAll:
        // The refresher skips rejected profiles (refreshAll without includeRejected): say so.
        let enabled = state.profiles.filter(\.enabled)
        let rejected = enabled.filter { $0.state == .rejected || $0.rejected }.count
        guard enabled.count > rejected else {
            if rejected > 0 {
                state.notice = "nothing to refresh: every enabled profile is rejected (r on one asks to force it)"
                state.noticeIsError = false
            }
            return []
        }
        state.confirmation = .refreshAll(count: enabled.count - rejected, rejected: rejected)
    case .togglePause:
        guard let profile = state.selectedProfile else { return [] }
        return [.togglePause(profile.name)]
    case .startFilter: state.isEditingFilter = true
    case .filterType:
        if case .char(let c) = key { state.filter.append(c) }
        state.logScroll = 0
    case .filterBackspace: if !state.filter.isEmpty { state.filter.removeLast() }
    case .filterApply: state.isEditingFilter = false
    case .filterClear, .clearFilter:
        state.filter = ""
        state.isEditingFilter = false
    case .toggleLogScope:
        state.logScope = state.logScope == .all ? .selected : .all
        state.logScroll = 0
    case .cycleTheme:
        let names = state.themeNames
        guard !names.isEmpty else { return [] }
        let next = names.firstIndex(of: state.themeName).map { names[($0 + 1) % names.count] } ?? names[0]
        state.themeName = next
        return [.setTheme(next)]
    case .repaint: return [.repaint]
    case .toggleHelp:
        state.showHelp.toggle()
        state.helpScroll = 0
    case .closeHelp: state.showHelp = false
    case .scrollHelpUp: scrollHelp(by: -1, &state)
    case .scrollHelpDown: scrollHelp(by: 1, &state)
    case .pageHelpUp: scrollHelp(by: -max(1, OverlayView.helpPageSize(state.size)), &state)
    case .pageHelpDown: scrollHelp(by: max(1, OverlayView.helpPageSize(state.size)), &state)
    case .quit: return [.quit]
    case .confirmYes:
        guard let confirmation = state.confirmation else { return [] }
        state.confirmation = nil
        return [confirmation.command]
    case .confirmNo: state.confirmation = nil
    case .copyToken, .copyHeader:
        guard let profile = state.selectedProfile else { return [] }
        guard state.canCopyTokens else {
            state.notice = "copy needs a standalone dashboard or a sink: tokens never cross the control socket"
            return []
        }
        guard let fingerprint = profile.tokenFingerprint,
            [.valid, .refreshing, .stale, .paused].contains(profile.state)
        else {
            state.notice = "\(profile.name) holds no valid token to copy"
            return []
        }
        state.confirmation = .copyToken(profile: profile.name, fingerprint: fingerprint, header: action == .copyHeader)
    case .toggleTimeline: state.showTimeline.toggle()
    case .closeTimeline: state.showTimeline = false
    case .zoomTimelineIn: state.timelineSpan = state.timelineSpan.zoomedIn
    case .zoomTimelineOut: state.timelineSpan = state.timelineSpan.zoomedOut
    case .reloadProfiles:
        state.notice = "reloading the profiles file…"
        state.noticeIsError = false
        return [.reload]
    case .cycleSort:
        // The selection is kept by name, so it stays on the same profile in the new order.
        state.sort = state.sort.next
    case .toggleProblems:
        state.problemsOnly.toggle()
        if state.logScope == .selected { state.logScroll = 0 }
    case .acknowledgeAlerts: state.alerts.acknowledge()
    }
    if state.logScope == .selected, [.moveUp, .moveDown, .jump, .first, .last].contains(action) {
        state.logScroll = 0
    }
    return []
}

func moveSelection(by delta: Int, _ state: inout DashboardState) {
    let visible = state.visibleProfiles
    guard let index = state.selectedIndex else { return }
    let target = min(max(0, index + delta), visible.count - 1)
    state.selectedName = visible[target].name
}

func scrollHelp(by delta: Int, _ state: inout DashboardState) {
    let maximum = max(0, KeyMap.helpLines().count - OverlayView.helpPageSize(state.size))
    state.helpScroll = min(max(0, state.helpScroll + delta), maximum)
}

func scrollLog(by delta: Int, _ state: inout DashboardState) {
    let (sum, overflow) = state.logScroll.addingReportingOverflow(delta)
    state.logScroll = overflow ? Int.max : sum
    clampLogScroll(&state)
}

/// Keeps the scroll offset inside the log: never past the oldest page, never negative.
private func clampLogScroll(_ state: inout DashboardState) {
    let page = max(1, Layout(state).logPageSize)
    // Counted without building the list (this runs for every attempt that finishes).
    let lines = state.visibleLogCount
    let maximum = max(0, lines - page)
    state.logScroll = min(max(0, state.logScroll), maximum)
}

/// After the profile list changed: keep the selection on the same profile, or on the first.
private func keepSelection(_ state: inout DashboardState) {
    if let name = state.selectedName, state.index(of: name) != nil { return }
    state.selectedName = state.profiles.first?.name
}

private func apply(_ event: AuthEvent, to state: inout DashboardState) {
    switch event {
    case .attemptStarted:
        break
    case .attemptFinished(let record):
        state.log.append(record)
        // Someone reading older lines keeps their place while new ones arrive on top.
        let shown = state.logScope == .all || record.profile == state.selectedProfile?.name
        if shown, state.logScroll > 0 { state.logScroll += 1 }
        clampLogScroll(&state)
    case .stateChanged(let status):
        if let index = state.index(of: status.name) {
            state.profiles[index] = status
        } else {
            state.profiles.append(status)
        }
        keepSelection(&state)
    case .sinkWritten(let report):
        // Success is routine (the result log has it); a failed write or hook is worth a look.
        if !report.succeeded {
            state.notice = "\(report.profile): \(report.summary)"
            state.noticeIsError = true
        }
    case .reloaded(let summary):
        let removed = Set(summary.removed)
        state.profiles.removeAll { removed.contains($0.name) }
        keepSelection(&state)
        state.notice = "profiles reloaded: \(summary.description)"
        state.noticeIsError = !summary.errors.isEmpty
    }
}
