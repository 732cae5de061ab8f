import Foundation
import TokentopCore

/// Everything that can change the dashboard: input, time, the terminal's size, the auth service.
public enum DashboardMsg: Sendable {
    case key(Key)
    /// The once-a-second countdown tick, with the wall-clock time.
    case tick(Date)
    /// The terminal's new size in columns and rows.
    case resize(cols: Int, rows: Int)
    /// An event from the auth service.
    case auth(AuthEvent)
    /// The auth service's full list of profiles, in display order.
    case snapshot([ProfileStatus])
    /// A one-line message for the operator, e.g. a theme file that failed to load.
    case notice(String)
    /// A new header label (e.g. `attached to dashboard pid 42`, or that the owner went away).
    case mode(String?)
}
