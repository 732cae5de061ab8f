/// Word wrapping for dialogs.
enum TextWrap {
    /// `text` broken into lines of at most `width` columns; words longer than a line are cut.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in DisplayWidth.sanitized(text).split(separator: " ") {
            let word = String(word)
            if current.isEmpty {
                current = word
            } else if DisplayWidth.of(current) + 1 + DisplayWidth.of(word) <= width {
                current += " " + word
            } else {
                lines.append(DisplayWidth.truncated(current, to: width))
                current = word
            }
        }
        if !current.isEmpty { lines.append(DisplayWidth.truncated(current, to: width)) }
        return lines
    }
}
