/// Writing JSON by hand where a Codable round trip would be wasteful (hot paths, log lines).
public enum JSONText {
    /// A byte that keeps a text from being copied as is: a control byte, DEL, `"`, `\`, 0xC2
    /// (which leads the C1 control characters U+0080–U+009F) or 0xE2 (which leads U+2028 and
    /// U+2029, escaped for JavaScript's sake).
    static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    /// Whether a scalar is written as `\uXXXX`: C0, DEL and C1 control characters (which a
    /// terminal showing the JSON would otherwise act on) and U+2028/U+2029.
    static func needsUnicodeEscape(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isControl(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// JSON another encoder wrote (Foundation's `JSONEncoder` leaves DEL and C1 characters raw),
    /// with those characters written as `\u00XX`. They can only occur inside string literals,
    /// where the escape means the same character, so the JSON's meaning is unchanged.
    public static func escapingRawControls(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 == 0x7F || $0 == 0xC2 }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out.append(contentsOf: unicodeEscape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        // Most text needs no escaping: copied whole. 0xC2 and 0xE2 also lead characters that need
        // none (such as `©` or `…`); those take the scalar-by-scalar path below and are kept.
        if !text.utf8.contains(where: mayNeedEscaping) {
            out += text
            out += "\""
            return out
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where needsUnicodeEscape(c):
                out += unicodeEscape(c)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
