/// Text from elsewhere (a server's `resultMessage`, a `Location` header, a profiles file, an error
/// that quotes any of them) made safe for a human-readable output: a terminal, the journal, a
/// text/plain page. Every C0 control character (U+0000–U+001F, tab, carriage return and line feed
/// included), DEL (U+007F) and every C1 control character (U+0080–U+009F) is written as `\xNN`,
/// its code point in two upper-case hex digits (`\x1B` for ESC, `\x0A` for a line feed, `\x9B`
/// for CSI): nothing a server sends can move the cursor, set the window title, clear the screen
/// or start a new log line. Everything else, any other Unicode text included, is kept as it is.
///
/// Machine-readable outputs (JSON, the socket protocol) have escaping of their own and do not use this.
public enum TerminalText {
    /// `text` with its control characters written as `\xNN`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: "\\x".unicodeScalars)
            result.append(hexDigit(scalar.value >> 4))
            result.append(hexDigit(scalar.value & 0xF))
        }
        return String(result)
    }

    /// Each line of `text` escaped on its own, the line feeds between them kept: for output that is
    /// several lines by design (a table, a report), built from pieces that may hold foreign text.
    public static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }
            .joined(separator: "\n")
    }

    /// True for C0, DEL and C1: the characters `escaped` rewrites.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hexDigit(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(value < 10 ? 0x30 + value : 0x41 + value - 10))
    }
}
