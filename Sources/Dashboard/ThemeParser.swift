/// Reads the theme file format (see `themes/README.md`):
///
///     # a comment
///     key = FOREGROUND [BACKGROUND] [ATTRIBUTE...]   # a comment after a blank
///
/// Colours are `default`, a name, `0`-`255` or `#RRGGBB`; attributes are `bold`, `underline`,
/// `reverse`, `dim`. A missing background is `default` (the terminal's own). Unknown keys,
/// colours and attributes, and keys set twice, are errors naming the line.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var styles: [Style: ThemeStyle] = [:]
        var seenOn: [Style: Int] = [:]
        // "\r\n" is one Character in Swift, so split on every kind of line break.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        {
            let number = offset + 1
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: number, message: message) }
            let content = withoutComment(rawLine).trimmingWhitespace()
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw fail("expected 'key = colour [colour] [attributes]', found '\(content)'")
            }
            let key = String(content[..<equals]).trimmingWhitespace()
            let words = content[content.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(
                String.init)
            guard let role = Style(themeKey: key.lowercased()) else {
                throw fail("unknown key '\(key)'; the keys are listed in themes/README.md")
            }
            if let first = seenOn[role] { throw fail("'\(key)' is already set on line \(first)") }
            guard !words.isEmpty else { throw fail("'\(key)' has no colour; write e.g. '\(key) = default'") }
            var colours: [ThemeColor] = []
            var attributes: TextAttributes = []
            for word in words {
                if let attribute = TextAttributes(parsing: word) {
                    attributes.insert(attribute)
                } else if let colour = ThemeColor(parsing: word) {
                    guard attributes.isEmpty else {
                        throw fail("colour '\(word)' after an attribute; colours come first")
                    }
                    guard colours.count < 2 else {
                        throw fail("a third colour '\(word)'; give a foreground and a background at most")
                    }
                    colours.append(colour)
                } else if word.hasPrefix("#") {
                    throw fail("'\(word)' is not a colour; write #RRGGBB with six hex digits")
                } else if let number = Int(word) {
                    throw fail("colour \(number) is out of range; indexed colours are 0-255")
                } else {
                    throw fail(
                        "unknown colour or attribute '\(word)'; colours: default, black, red, green, yellow, blue, "
                            + "magenta, cyan, white, bright-<name>, 0-255, #RRGGBB; attributes: bold, underline, reverse, dim"
                    )
                }
            }
            guard let foreground = colours.first else {
                throw fail("'\(key)' needs a foreground colour before its attributes")
            }
            styles[role] = ThemeStyle(foreground, colours.count > 1 ? colours[1] : .default, attributes)
            seenOn[role] = number
        }
        return Theme(name: name, styles: styles)
    }

    /// The line up to its comment: a `#` that starts the line or follows a blank and is followed
    /// by a blank or the line's end. A `#` followed by anything else starts a colour (`#5fafd7`).
    static func withoutComment(_ line: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "#" {
                let before = line[line.startIndex..<index]
                let after = line.index(after: index)
                let startsLine = before.allSatisfy(isBlank)
                let standsAlone = before.last.map(isBlank) == true && (after == line.endIndex || isBlank(line[after]))
                if startsLine || standsAlone { return before }
            }
            index = line.index(after: index)
        }
        return line
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
