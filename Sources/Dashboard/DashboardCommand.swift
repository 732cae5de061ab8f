/// Effects `update` asks for; the runtime performs them and reports back with messages.
public enum DashboardCommand: Sendable, Equatable {
    /// Refresh one profile now (manual trigger); `force` for a `rejected` one, after the
    /// operator confirmed (the refresher refuses it otherwise).
    case refresh(String, force: Bool = false)
    case refreshAll
    /// Pause automatic refresh for a profile, or resume it.
    case togglePause(String)
    case quit
    /// Redraw the whole screen from scratch (`clear`, not just `erase`).
    case repaint
    /// Load and apply the named theme.
    case setTheme(String)
    /// Copy the profile's token (or `Authorization: Bearer <token>` when `header`) to the
    /// operator's clipboard through the terminal (OSC 52). Never shown on screen.
    case copyToken(profile: String, header: Bool)
    /// Re-read the profiles file and apply it.
    case reload
    /// Tell the operator a profile went bad: the terminal bell, or a flash of the screen.
    case bell(flash: Bool)
}
