import TokenModel

/// Where a binding applies. Modal contexts (confirm, help, filter) take over the keyboard; the
/// `always` bindings work even then.
public enum KeyContext: String, Sendable, Equatable, CaseIterable {
    /// Everywhere, even inside a dialog.
    case always
    /// The dashboard, whichever pane has focus.
    case global
    /// The profile table has focus.
    case table
    /// The log pane has focus.
    case log
    /// Typing a filter after `/`.
    case filter
    /// A confirmation question is open.
    case confirm
    /// The help overlay is open.
    case help
    /// The timeline is shown (`T`).
    case timeline

    /// The heading used in the help overlay and the README table.
    public var title: String {
        switch self {
        case .always: "Anywhere"
        case .global: "Dashboard"
        case .table: "Profile table"
        case .log: "Log pane"
        case .filter: "Filter"
        case .confirm: "Confirmation"
        case .help: "Help"
        case .timeline: "Timeline"
        }
    }
}
