import Foundation

/// Checks the relative links of Markdown files in a tree of files: the file a link names exists
/// (relative to the linking file), and its `#anchor`, if any, is one of the anchors the target
/// Markdown file offers (`HeadingAnchors`). Paths are relative to the tree's root, `/`-separated.
/// The tree is read through closures, so a test can hand it files that exist only in memory.
struct LinkCheck: Sendable {
    /// The text of a file, or nil when no file is there.
    var read: @Sendable (String) -> String?
    /// Whether anything (a file or a directory) is at the path.
    var exists: @Sendable (String) -> Bool

    /// One line per broken link in `file`: `file:line: target (why)`.
    func problems(in file: String) -> [String] {
        guard let text = read(file) else { return ["\(file): cannot be read"] }
        return MarkdownLinks.relative(in: text).compactMap { link in
            problem(with: link, in: file, text: text).map { "\(file):\(link.line): \(link.target) (\($0))" }
        }
    }

    /// The resolved paths of the files `file` links to (anchors removed).
    func linkedFiles(from file: String) -> Set<String> {
        guard let text = read(file) else { return [] }
        return Set(
            MarkdownLinks.relative(in: text).compactMap { link in
                link.path.isEmpty ? nil : Self.resolve(link.path, from: file)
            })
    }

    private func problem(with link: MarkdownLink, in file: String, text: String) -> String? {
        var targetText = text
        var targetPath = file
        if !link.path.isEmpty {
            guard let resolved = Self.resolve(link.path, from: file) else { return "leaves the repository" }
            guard exists(resolved) else { return "no such file: \(resolved)" }
            guard link.fragment != nil else { return nil }
            guard resolved.hasSuffix(".md") else { return "an anchor into \(resolved), which is not Markdown" }
            guard let target = read(resolved) else { return "cannot read \(resolved)" }
            targetText = target
            targetPath = resolved
        }
        guard let fragment = link.fragment else { return nil }
        guard !fragment.isEmpty else { return "an empty anchor" }
        let anchor = fragment.removingPercentEncoding ?? fragment
        guard HeadingAnchors.anchors(in: targetText).contains(anchor) else {
            return "no heading or <a id> gives the anchor #\(anchor) in \(targetPath)"
        }
        return nil
    }

    /// `path` relative to the directory of `file`, with `.` and `..` resolved; nil when it climbs
    /// above the root. A path starting with `/` is taken from the root.
    static func resolve(_ path: String, from file: String) -> String? {
        var parts: [Substring] = path.hasPrefix("/") ? [] : file.split(separator: "/").dropLast()
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
