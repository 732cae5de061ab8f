/// Reads the theme file format (see `themes/README.md`):
///
///     # a comment
///     key = FOREGROUND [BACKGROUND] [ATTRIBUTE...]
///
/// Colours are `default`, a name, `0`-`255` or `#RRGGBB`; attributes are `bold`, `underline`,
/// `reverse`, `dim`. A missing background is `default` (the terminal's own). Unknown keys,
/// colours and attributes, and keys set twice, are errors naming the line.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var styles: [Style: ThemeStyle] = [:]
        var seenOn: [Style: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: number, message: message) }
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let content = line.trimmingWhitespace()
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw fail("expected 'key = colour [colour] [attributes]', found '\(content)'")
            }
            let key = String(content[..<equals]).trimmingWhitespace()
            let words = content[content.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
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
                    guard attributes.isEmpty else { throw fail("colour '\(word)' after an attribute; colours come first") }
                    guard colours.count < 2 else { throw fail("a third colour '\(word)'; give a foreground and a background at most") }
                    colours.append(colour)
                } else if word.hasPrefix("#") {
                    throw fail("'\(word)' is not a colour; write #RRGGBB with six hex digits")
                } else if let number = Int(word) {
                    throw fail("colour \(number) is out of range; indexed colours are 0-255")
                } else {
                    throw fail("unknown colour or attribute '\(word)'; colours: default, black, red, green, yellow, blue, "
                        + "magenta, cyan, white, bright-<name>, 0-255, #RRGGBB; attributes: bold, underline, reverse, dim")
                }
            }
            guard let foreground = colours.first else { throw fail("'\(key)' needs a foreground colour before its attributes") }
            styles[role] = ThemeStyle(foreground, colours.count > 1 ? colours[1] : .default, attributes)
            seenOn[role] = number
        }
        return Theme(name: name, styles: styles)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
