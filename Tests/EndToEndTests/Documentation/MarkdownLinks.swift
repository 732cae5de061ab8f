import Foundation

/// Finds the relative links of a Markdown text: inline links and images (`[text](target)`,
/// `![alt](target)`) and reference definitions (`[name]: target`). Links to other schemes
/// (`https:`, `mailto:`...) are left out, and so is everything inside fenced code blocks and
/// inline code spans, where brackets are not links.
enum MarkdownLinks {
    static func relative(in text: String) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        // Link text may wrap: a `[` left open on one line of a paragraph starts a link that the
        // `](target)` of a following line ends.
        var bracketOpen = false
        var previous = 0
        for (number, line) in proseLines(of: text) {
            let prose = maskingCodeSpans(line)
            if number != previous + 1 || prose.allSatisfy({ $0 == " " || $0 == "\t" }) { bracketOpen = false }
            previous = number
            for target in inlineTargets(in: prose, bracketOpen: bracketOpen) + referenceTargets(in: prose)
            where isRelative(target) {
                links.append(MarkdownLink(line: number, target: target))
            }
            bracketOpen = leavesBracketOpen(prose, bracketOpen: bracketOpen)
        }
        return links
    }

    /// Whether a `[` is still open at the end of the line: one opened after the last `]`, or one
    /// open before the line that the line does not close.
    static func leavesBracketOpen(_ line: String, bracketOpen: Bool) -> Bool {
        guard let lastClose = line.lastIndex(of: "]") else { return bracketOpen || line.contains("[") }
        return line[lastClose...].contains("[")
    }

    /// The lines outside fenced code blocks (``` or ~~~, indented or not), with 1-based numbers.
    static func proseLines(of text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var fence: (character: Character, length: Int)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if let open = fence {
                let run = trimmed.prefix { $0 == open.character }
                if run.count >= open.length, trimmed.dropFirst(run.count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    fence = nil
                }
                continue
            }
            if let first = trimmed.first, first == "`" || first == "~" {
                let run = trimmed.prefix { $0 == first }
                if run.count >= 3 {
                    fence = (first, run.count)
                    continue
                }
            }
            result.append((index + 1, String(line)))
        }
        return result
    }

    /// The line with every inline code span (`` `x` ``, ``` ``x`` ```) replaced by spaces.
    static func maskingCodeSpans(_ line: String) -> String {
        let characters = Array(line)
        var output = characters
        var index = 0
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count, characters[index + run] == "`" { run += 1 }
            // The closing run is the next run of exactly as many backticks.
            var search = index + run
            var closing: Int?
            while search < characters.count {
                if characters[search] == "`" {
                    var length = 0
                    while search + length < characters.count, characters[search + length] == "`" { length += 1 }
                    if length == run {
                        closing = search
                        break
                    }
                    search += length
                } else {
                    search += 1
                }
            }
            guard let closing else {
                index += run
                continue
            }
            for position in index..<(closing + run) { output[position] = " " }
            index = closing + run
        }
        return String(output)
    }

    /// The destinations of `[text](destination "title")` and `![alt](destination)` on one line;
    /// `bracketOpen` when the link text began on an earlier line of the paragraph.
    static func inlineTargets(in line: String, bracketOpen: Bool = false) -> [String] {
        let characters = Array(line)
        var targets: [String] = []
        var index = 0
        while index + 1 < characters.count {
            guard characters[index] == "]", characters[index + 1] == "(",
                bracketOpen || characters[..<index].contains("[")
            else {
                index += 1
                continue
            }
            var position = index + 2
            while position < characters.count, characters[position] == " " { position += 1 }
            var target = ""
            if position < characters.count, characters[position] == "<" {
                position += 1
                while position < characters.count, characters[position] != ">" {
                    target.append(characters[position])
                    position += 1
                }
            } else {
                var depth = 0
                while position < characters.count {
                    let character = characters[position]
                    if character == " " || character == "\t" { break }
                    if character == "(" { depth += 1 }
                    if character == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    target.append(character)
                    position += 1
                }
            }
            if !target.isEmpty { targets.append(target) }
            index = position
        }
        return targets
    }

    /// The destination of a reference definition line, `[name]: destination` (not a footnote).
    static func referenceTargets(in line: String) -> [String] {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return [] }
        let rest = line.dropFirst(indent.count)
        guard rest.first == "[", rest.dropFirst().first != "^", let close = rest.range(of: "]:") else { return [] }
        let label = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
        guard !label.isEmpty, !label.contains("[") else { return [] }
        let destination = rest[close.upperBound...].drop { $0 == " " || $0 == "\t" }
        var target = destination.prefix { $0 != " " && $0 != "\t" }
        if target.hasPrefix("<") && target.hasSuffix(">") { target = target.dropFirst().dropLast() }
        return target.isEmpty ? [] : [String(target)]
    }

    /// False for a target with a scheme (`https:`, `mailto:`, `file:`...): only paths and anchors are checked.
    static func isRelative(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":") else { return true }
        let scheme = target[..<colon]
        let looksLikeScheme =
            !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) }
            && scheme.first?.isLetter == true
        return !looksLikeScheme
    }
}
