import Dashboard
import Terminal

/// The dashboard's terminal options: whether the mouse is read, and how a profile going bad is
/// signalled. The same for a dashboard that refreshes and one that views.
public struct ScreenOptions: Sendable, Equatable {
    /// `--no-mouse` makes this false: clicks and the wheel stay with the terminal (its own
    /// selection and scrollback).
    public var mouse: Bool
    /// `--visual-bell` flashes, `--no-bell` keeps quiet; the banner shows either way.
    public var bell: BellMode

    public init(mouse: Bool = true, bell: BellMode = .audible) {
        self.mouse = mouse
        self.bell = bell
    }

    /// From the dashboard command's flags (the command refuses `--visual-bell` with `--no-bell`).
    public init(noMouse: Bool, visualBell: Bool, noBell: Bool) {
        self.init(mouse: !noMouse, bell: noBell ? .off : visualBell ? .visual : .audible)
    }

    /// The UI loop, reading the mouse or not.
    func loop(themes: ThemeLoader, environment: [String: String]) -> DashboardLoop {
        DashboardLoop(themes: themes, environment: environment, mouse: mouse)
    }

    /// Applies the bell mode to a dashboard about to open and lists in its banner the profiles
    /// already bad: with a bell when its own refresher made them so (`ownRefresher`), without one
    /// for a viewer attaching to a refresher that has run for a while.
    func prepare(_ state: inout DashboardState, ownRefresher: Bool) {
        state.bellMode = bell
        if ownRefresher { state.alertCurrentWithBell() } else { state.listCurrentAlerts() }
    }
}
