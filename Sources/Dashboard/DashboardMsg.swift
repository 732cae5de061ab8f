import Foundation
import TokenModel

/// Everything that can change the dashboard: input, time, the terminal's size, the auth service.
public enum DashboardMsg: Sendable {
    case key(Key)
    /// A mouse button pressed or the wheel turned at a cell of the screen (0-based).
    case mouse(MouseEvent)
    /// The once-a-second countdown tick, with the wall-clock time.
    case tick(Date)
    /// The terminal's new size in columns and rows.
    case resize(cols: Int, rows: Int)
    /// An event from the auth service.
    case auth(AuthEvent)
    /// The auth service's full list of profiles, in display order.
    case snapshot([ProfileStatus])
    /// A one-line problem for the operator, e.g. a theme file that failed to load (error style).
    case notice(String)
    /// A one-line outcome that is not a problem, e.g. a reload's summary (footer style).
    case info(String)
    /// Attempts from before the dashboard started (the result log's tail, or the refresher's
    /// answer over the socket), and how many unreadable lines were skipped to get them. Merged
    /// into the log by finish time; one that also arrived as an event is kept once.
    case history([AttemptRecord], skipped: Int)
    /// A new header label (e.g. `attached to dashboard pid 42`, or that the owner went away).
    case mode(String?)
}
