import Foundation

/// The anchors a Markdown file offers, as GitHub renders it: one per heading (ATX `## Title` and
/// setext `Title` over `===`/`---`), slugged GitHub's way, plus explicit `<a id="...">` and
/// `<a name="...">` anchors. Headings inside fenced code blocks are not headings.
enum HeadingAnchors {
    static func anchors(in text: String) -> Set<String> {
        var anchors = Set<String>()
        var seen: [String: Int] = [:]
        for heading in headings(in: text) {
            let base = slug(heading)
            let count = seen[base, default: 0]
            seen[base] = count + 1
            anchors.insert(count == 0 ? base : "\(base)-\(count)")
        }
        for (_, line) in MarkdownLinks.proseLines(of: text) {
            anchors.formUnion(explicitAnchors(in: MarkdownLinks.maskingCodeSpans(line)))
        }
        return anchors
    }

    /// The text of every heading, in order, as written (markup not yet removed).
    static func headings(in text: String) -> [String] {
        var result: [String] = []
        var previous: String?
        for (_, line) in MarkdownLinks.proseLines(of: text) {
            defer { previous = line }
            if let heading = atxHeading(line) {
                result.append(heading)
                continue
            }
            let underline = line.trimmingCharacters(in: .whitespaces)
            let isUnderline =
                !underline.isEmpty && (underline.allSatisfy { $0 == "=" } || underline.allSatisfy { $0 == "-" })
            if isUnderline, let text = previous?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
                atxHeading(text) == nil,
                let first = text.first, !"-*+>|#".contains(first), !(line.prefix(4).allSatisfy { $0 == " " })
            {
                result.append(text)
            }
        }
        return result
    }

    /// `## Title ##` -> "Title"; nil for a line that is not an ATX heading.
    static func atxHeading(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        let hashes = rest.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let after = rest.dropFirst(hashes.count)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        var title = after.trimmingCharacters(in: .whitespaces)
        // A closing sequence of #s (preceded by a space) is not part of the title.
        let closing = title.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let kept = title.dropLast(closing)
            if kept.isEmpty || kept.last == " " { title = kept.trimmingCharacters(in: .whitespaces) }
        }
        return title
    }

    /// GitHub's slug: the heading's text without markup, lowercased, every character that is not a
    /// letter, a digit, `-`, `_` or a space dropped, and spaces turned into `-`.
    static func slug(_ heading: String) -> String {
        var text = heading
        // [text](target) and ![alt](target) -> text / alt.
        text = replacingLinks(in: text)
        // HTML tags go, their text stays.
        text = removingTags(text)
        // `_emphasis_` and `__strong__` lose their markers (a word wrapped in underscores).
        text = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let leading = word.prefix { $0 == "_" }.count
            let trailing = word.reversed().prefix { $0 == "_" }.count
            guard leading > 0, leading == trailing, word.count > leading * 2 else { return String(word) }
            return String(word.dropFirst(leading).dropLast(trailing))
        }.joined(separator: " ")
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                slug.append(character)
            }
        }
        return slug
    }

    /// The values of `id` and `name` attributes on `<a ...>` tags in a line.
    static func explicitAnchors(in line: String) -> [String] {
        var anchors: [String] = []
        var rest = Substring(line)
        while let open = rest.range(of: "<a ", options: .caseInsensitive) {
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[open.upperBound..<tagEnd]
            for attribute in ["id", "name"] {
                if let value = attributeValue(attribute, in: tag) { anchors.append(value) }
            }
            rest = rest[tagEnd...]
        }
        return anchors
    }

    private static func attributeValue(_ name: String, in tag: Substring) -> String? {
        var search = tag[...]
        while let found = search.range(of: name + "=", options: .caseInsensitive) {
            let before = found.lowerBound == tag.startIndex ? " " : tag[tag.index(before: found.lowerBound)]
            var value = tag[found.upperBound...]
            search = value
            guard before == " " || before == "\t" else { continue }
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst()
                return String(value.prefix { $0 != quote })
            }
            return String(value.prefix { $0 != " " && $0 != "\t" && $0 != ">" && $0 != "/" })
        }
        return nil
    }

    /// `[text](target)` -> `text`, `![alt](target)` -> `alt`.
    private static func replacingLinks(in text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let start =
                characters[index] == "!" && index + 1 < characters.count && characters[index + 1] == "["
                ? index + 1 : index
            if characters[start] == "[", let close = characters[start...].firstIndex(of: "]"),
                close + 1 < characters.count, characters[close + 1] == "(",
                let end = characters[(close + 1)...].firstIndex(of: ")")
            {
                output += String(characters[(start + 1)..<close])
                index = end + 1
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return output
    }

    private static func removingTags(_ text: String) -> String {
        var output = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                output.append(character)
            }
        }
        return output
    }
}
