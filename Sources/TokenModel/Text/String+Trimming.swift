extension String {
    /// The text without leading and trailing whitespace, newlines included: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without the trip through
    /// NSString: the profiles loader trims every value.
    /// ASCII is answered without Unicode's property tables, which the common case never needs.
    public var trimmedWhitespace: String {
        trimmed { $0.isASCII ? $0.value == 0x20 || (0x09...0x0D).contains($0.value) : $0.properties.isWhitespace }
    }

    /// The text without leading and trailing spaces and tabs, newlines kept, like
    /// `trimmingCharacters(in: .whitespaces)`.
    public var trimmedSpaces: String {
        trimmed {
            $0.isASCII ? $0.value == 0x20 || $0.value == 0x09 : $0.properties.isWhitespace && !Self.isLineBreak($0)
        }
    }

    private func trimmed(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        // Most values have nothing to trim: keep the string itself rather than a copy of it.
        guard let head = scalars.first, let tail = scalars.last else { return "" }
        if !isTrimmed(head) && !isTrimmed(tail) { return self }
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
