import CNcurses
import Dashboard

/// A theme turned into ncurses attributes and colour pairs, one entry per style role.
/// Building it calls `init_extended_pair`, so it runs on the UI thread only.
struct StylePalette {
    struct Look {
        var attributes: attr_t
        var pair: Int32
    }

    private(set) var looks: [Style: Look] = [:]
    let depth: ColorDepth

    /// `depth` is what the terminal shows; `.none` gives attributes only (no pair is defined).
    /// `defaultColors` says whether `use_default_colors` worked (so -1 means "the terminal's own").
    init(theme: Theme, depth: ColorDepth, defaultColors: Bool, maximumPairs: Int, colors: Int) {
        self.depth = depth
        var pairs: [PairKey: Int32] = [:]
        for (role, style) in theme.downsampled(to: depth) {
            var look = Look(attributes: StylePalette.attributes(style.attributes), pair: 0)
            if depth != .none {
                let key = PairKey(
                    foreground: StylePalette.number(
                        style.foreground, defaultColors: defaultColors, fallback: 7, colors: colors),
                    background: StylePalette.number(
                        style.background, defaultColors: defaultColors, fallback: 0, colors: colors))
                if let existing = pairs[key] {
                    look.pair = existing
                } else if key == PairKey(foreground: -1, background: -1) {
                    look.pair = 0
                } else if pairs.count + 1 < maximumPairs {
                    let pair = Int32(pairs.count + 1)
                    if init_extended_pair(pair, key.foreground, key.background) == tt_ok() {
                        pairs[key] = pair
                        look.pair = pair
                    }
                }
            }
            looks[role] = look
        }
    }

    func look(_ role: Style) -> Look { looks[role] ?? Look(attributes: tt_a_normal(), pair: 0) }

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    static func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = tt_a_normal()
        if attributes.contains(.bold) { result |= tt_a_bold() }
        if attributes.contains(.underline) { result |= tt_a_underline() }
        if attributes.contains(.reverse) { result |= tt_a_reverse() }
        if attributes.contains(.dim) { result |= tt_a_dim() }
        return result
    }

    /// The ncurses colour number: -1 for the terminal's own, the index, or 0xRRGGBB on a
    /// direct-colour terminal. Anything the terminal lacks becomes `fallback`.
    static func number(_ color: ThemeColor, defaultColors: Bool, fallback: Int32, colors: Int) -> Int32 {
        switch color {
        case .default: return defaultColors ? -1 : fallback
        case .indexed(let n): return Int(n) < colors ? Int32(n) : fallback
        case .rgb(let r, let g, let b):
            guard colors >= ColorDepth.truecolor.rawValue else { return fallback }
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }
}
