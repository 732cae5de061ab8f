/// Writing JSON by hand where a Codable round trip would be wasteful (hot paths, log lines).
public enum JSONText {
    /// A byte that keeps a text from being copied as is: a control byte, `"`, `\`, or 0xE2 (which
    /// leads U+2028 and U+2029, escaped for JavaScript's sake).
    static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        // Most text needs no escaping: copied whole. 0xE2 leads U+2028 and U+2029 (and other
        // characters, which take the scalar-by-scalar path below).
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
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
