import TokenModel

/// The characters the screen is drawn with: box-drawing lines, badges, bars, arrows, the
/// sparkline's levels, the timeline's stretches and ticks, and the ellipsis of a cut value. `unicode` needs a UTF-8 locale; `ascii` draws the same layout, cell
/// for cell, with plain ASCII for terminals (or logins) without one. Every glyph of both sets is
/// one column wide, except the ellipsis, whose width the truncation accounts for.
public struct Glyphs: Sendable, Equatable {
    public var isASCII: Bool
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var barFull: Character
    public var barEmpty: Character
    /// What ends a cut value: `…` (one column) or `...` (three).
    public var ellipsis: String
    /// The sparkline's eight levels, lowest first.
    public var sparkLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The timeline: a stretch with a valid token, one without, and an attempt's tick by outcome.
    public var tokenHeld: Character = "━"
    public var tokenNone: Character = "╌"
    public var tickSuccess: Character = "┃"
    public var tickTransient: Character = "×"
    public var tickRejected: Character = "⊘"

    public static let unicode = Glyphs(
        isASCII: false, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", barFull: "█", barEmpty: "░", ellipsis: "…")

    public static let ascii = Glyphs(
        isASCII: true, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", barFull: "#", barEmpty: ".", ellipsis: "...",
        sparkLevels: ["_", ".", "-", "=", "+", "*", "%", "#"], tokenHeld: "=", tokenNone: "-", tickSuccess: "|",
        tickTransient: "x", tickRejected: "/")

    /// The sparkline character for `level` (0 lowest, 7 highest; clamped).
    public func spark(_ level: Int) -> Character {
        sparkLevels[min(max(0, level), sparkLevels.count - 1)]
    }

    /// The timeline's tick for an attempt of `outcome`.
    public func tick(_ outcome: AttemptOutcome) -> Character {
        switch outcome {
        case .success: tickSuccess
        case .transient: tickTransient
        case .rejected: tickRejected
        }
    }

    /// A state's one-column symbol in this set (see `StateBadge`).
    public func badge(_ state: ProfileState) -> Character {
        isASCII ? Self.asciiBadge(state) : Self.unicodeBadge(state)
    }

    static func unicodeBadge(_ state: ProfileState) -> Character {
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

    static func asciiBadge(_ state: ProfileState) -> Character {
        switch state {
        case .fetching: "."
        case .valid: "*"
        case .refreshing: "~"
        case .stale: "!"
        case .expired: "X"
        case .failing: "x"
        case .rejected: "/"
        case .paused: "="
        case .disabled: "-"
        }
    }

    /// The ASCII stand-in for a character of the Unicode set or of the views' own text (arrows,
    /// separators, the masking dot); `?` for anything else that is not ASCII, such as a profile's
    /// own non-ASCII text. Always one character for one cell, so the layout does not move.
    static func asciiStandIn(for character: Character) -> Character {
        if character.isASCII { return character }
        if let state = ProfileState.allCases.first(where: { unicodeBadge($0) == character }) {
            return asciiBadge(state)
        }
        switch character {
        case "─", "━", "═": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "█", "▓", "▒": return "#"
        case "░": return "."
        case "▁": return "_"
        case "▂": return "."
        case "▃": return "-"
        case "▄": return "="
        case "▅": return "+"
        case "▆": return "*"
        case "▇": return "%"
        case "╌": return "-"
        case "↑": return "^"
        case "↓": return "v"
        case "←": return "<"
        case "→", "›", "»": return ">"
        case "·": return "-"
        case "•": return "*"
        case "…": return "."
        default: return "?"
        }
    }
}
