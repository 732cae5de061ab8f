/// A colour in a theme: the terminal's own, one of the 256 indexed colours (0-15 are the
/// classic named ones), or 24-bit RGB.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 names, in index order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    /// Reads `default`, a name (`red`, `bright-red`, `gray`), `0`-`255` or `#RRGGBB`.
    public init?(parsing token: String) {
        let text = token.lowercased()
        if text == "default" {
            self = .default
        } else if let index = ThemeColor.names.firstIndex(of: text) {
            self = .indexed(UInt8(index))
        } else if text == "gray" || text == "grey" {
            self = .indexed(8)
        } else if text.hasPrefix("bright"), !text.hasPrefix("bright-"),
            let index = ThemeColor.names.firstIndex(of: "bright-" + text.dropFirst(6))
        {
            self = .indexed(UInt8(index))
        } else if text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), text.count <= 3, let value = UInt8(text) {
            self = .indexed(value)
        } else if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .default: "default"
        case .indexed(let n): n < 16 ? ThemeColor.names[Int(n)] : String(n)
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// The colour the terminal can show at `depth`: truecolor → 256 → 16 → 8 → none.
    /// `background` matters only for 8 colours, where bright black (grey) becomes black behind
    /// text but white as text, so it stays readable.
    public func downsampled(to depth: ColorDepth, background: Bool = false) -> ThemeColor {
        switch (self, depth) {
        case (.default, _), (_, .truecolor): return self
        case (_, .none): return .default
        case (.rgb(let r, let g, let b), .c256): return .indexed(ColorPalette.nearest256(r, g, b))
        case (.indexed, .c256): return self
        case (.rgb(let r, let g, let b), .sixteen): return .indexed(ColorPalette.nearest16(r, g, b))
        case (.indexed(let n), .sixteen):
            if n < 16 { return self }
            let (r, g, b) = ColorPalette.rgb(of: n)
            return .indexed(ColorPalette.nearest16(r, g, b))
        case (_, .eight):
            guard case .indexed(let n) = downsampled(to: .sixteen) else { return .default }
            if n < 8 { return .indexed(n) }
            if n == 8 { return .indexed(background ? 0 : 7) }
            return .indexed(n - 8)
        }
    }
}
