import TokenModel

/// A state as a symbol and a word, so states stay apart without colour (`NO_COLOR`, `mono`).
/// Every symbol is one column wide.
public enum StateBadge {
    public static func symbol(_ state: ProfileState) -> Character {
        switch state {
        case .fetching: "◌"
        case .valid: "●"
        case .refreshing: "↻"
        case .stale: "!"
        case .expired: "✗"
        case .failing: "×"
        case .rejected: "⊘"
        case .paused: "‖"
        case .disabled: "○"
        }
    }

    /// `● valid`, `↻ refreshing`...
    public static func text(_ state: ProfileState) -> String { "\(symbol(state)) \(state.rawValue)" }

    /// The widest badge, for column widths.
    public static let width = ProfileState.allCases.map { DisplayWidth.of(text($0)) }.max() ?? 12
}
