import TokenModel

/// How many terminal columns text takes, in the way a UTF-8 terminal with a non-CJK locale draws
/// it: East Asian wide and fullwidth characters and emoji take two, everything else one. Control
/// characters are never drawn (`sanitized` turns them into spaces).
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        if character.isASCII { return 1 }
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return isWide(scalar.value) ? 2 : 1
    }

    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Text safe to put on screen: control characters (newlines, tabs, escapes) become spaces.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(
            text.map { character in
                character.unicodeScalars.contains(where: isControl) ? " " : character
            })
    }

    /// `text` cut to at most `width` columns; a cut ends with `ellipsis` (`…`, or `...` for the
    /// ASCII glyph set), itself cut when the width is narrower than it.
    public static func truncated(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let clean = sanitized(text)
        guard of(clean) > width else { return clean }
        let mark = of(ellipsis) <= width ? ellipsis : String(ellipsis.prefix(width))
        var result = ""
        var used = 0
        for character in clean {
            let w = of(character)
            if used + w > width - of(mark) { break }
            result.append(character)
            used += w
        }
        return result + mark
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func padded(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…") -> String
    {
        let cut = truncated(text, to: width, ellipsis: ellipsis)
        let pad = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? pad + cut : cut + pad
    }

    /// C0, DEL and C1: the characters `TerminalText` escapes in the other outputs.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isControl(scalar)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
            0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
            0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
            0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default:
            false
        }
    }
}
