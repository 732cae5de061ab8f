import TokenModel

/// What a cell is, not how it looks: the view emits roles, a `Theme` maps each role to colours
/// and attributes, and the terminal draws them.
public enum Style: Hashable, Sendable {
    /// Ordinary text on the terminal's background.
    case normal
    /// The header bar.
    case header
    /// The product name and pane titles.
    case title
    /// Pane borders.
    case border
    /// The border of the pane that has focus.
    case borderFocused
    /// Column headings in the table and log.
    case columnHeader
    /// The selected row of the profile table.
    case selected
    /// Secondary text: labels, missing values.
    case dim
    /// A profile's state badge, and the state counts in the header.
    case state(ProfileState)
    /// The filled part of a lifetime bar.
    case barFull
    /// The filled part of a lifetime bar with under a quarter of the lifetime left.
    case barLow
    /// The empty part of a lifetime bar.
    case barEmpty
    /// A log line's outcome column.
    case outcome(AttemptOutcome)
    /// Error text: last error, rejected result messages.
    case error
    /// The footer bar.
    case footer
    /// A key name in the footer.
    case footerKey
    /// The filter text and its prompt.
    case filter
    /// The inside of the help overlay and the confirmation dialog.
    case overlay
    /// Key names and headings inside the help overlay and the confirmation dialog.
    case overlayKey

    /// Every role, for themes and their documentation.
    public static let all: [Style] =
        [.normal, .header, .title, .border, .borderFocused, .columnHeader, .selected, .dim]
        + ProfileState.allCases.map(Style.state)
        + [.barFull, .barLow, .barEmpty]
        + [AttemptOutcome.success, .transient, .rejected].map(Style.outcome)
        + [.error, .footer, .footerKey, .filter, .overlay, .overlayKey]

    /// The key that sets this role in a theme file, e.g. `state.valid`.
    public var themeKey: String {
        switch self {
        case .normal: "normal"
        case .header: "header"
        case .title: "title"
        case .border: "border"
        case .borderFocused: "border.focused"
        case .columnHeader: "column"
        case .selected: "selected"
        case .dim: "dim"
        case .state(let state): "state.\(state.rawValue)"
        case .barFull: "bar.full"
        case .barLow: "bar.low"
        case .barEmpty: "bar.empty"
        case .outcome(let outcome): "log.\(outcome.rawValue)"
        case .error: "error"
        case .footer: "footer"
        case .footerKey: "footer.key"
        case .filter: "filter"
        case .overlay: "overlay"
        case .overlayKey: "overlay.key"
        }
    }

    /// The role a theme key names, if any.
    public init?(themeKey: String) {
        guard let style = Style.all.first(where: { $0.themeKey == themeKey }) else { return nil }
        self = style
    }
}
