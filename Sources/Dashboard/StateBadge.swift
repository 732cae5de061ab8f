import TokenModel

/// A state as a symbol and a word, so states stay apart without colour (`NO_COLOR`, `mono`).
/// Every symbol is one column wide, in both glyph sets.
public enum StateBadge {
    public static func symbol(_ state: ProfileState) -> Character { symbol(state, glyphs: .unicode) }

    public static func symbol(_ state: ProfileState, glyphs: Glyphs) -> Character {
        glyphs.badge(state)
    }

    /// `● valid`, `↻ refreshing`... (`* valid`, `~ refreshing`... in ASCII).
    public static func text(_ state: ProfileState) -> String { text(state, glyphs: .unicode) }

    public static func text(_ state: ProfileState, glyphs: Glyphs) -> String {
        "\(symbol(state, glyphs: glyphs)) \(state.rawValue)"
    }

    /// The widest badge, for column widths.
    public static let width = ProfileState.allCases.map { DisplayWidth.of(text($0)) }.max() ?? 12
}
