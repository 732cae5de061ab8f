/// How many colours the terminal can show, from none to 24-bit.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    /// `NO_COLOR`, or a terminal without colour: attributes and symbols only.
    case none = 0
    case eight = 8
    case sixteen = 16
    case c256 = 256
    case truecolor = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth to draw with, from the environment and the colours ncurses reports (`COLORS`):
    /// `NO_COLOR` (set and not empty, see no-color.org) turns colour off; 24-bit needs `COLORTERM`
    /// to say `truecolor` or `24bit` and at least 256 colours (or a direct-colour terminfo entry).
    public static func detect(environment: [String: String], colors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if colors >= truecolor.rawValue || (colors >= 256 && (colorterm == "truecolor" || colorterm == "24bit")) {
            return .truecolor
        }
        if colors >= 256 { return .c256 }
        if colors >= 16 { return .sixteen }
        if colors >= 8 { return .eight }
        return .none
    }
}
