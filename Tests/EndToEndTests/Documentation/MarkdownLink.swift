import Foundation

/// One relative link found in a Markdown file: where it is and what it points at.
struct MarkdownLink: Equatable, Sendable {
    /// The 1-based line the link is written on.
    var line: Int
    /// The target as written, e.g. `Commands.md#tokentop-check`, `#keys`, `../../../README.md`.
    var target: String

    /// The file part of the target, percent-decoded ("" for a link within the same file).
    var path: String {
        let raw = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(raw).removingPercentEncoding ?? String(raw)
    }

    /// The anchor after `#`, or nil when the target has none.
    var fragment: String? {
        guard let hash = target.firstIndex(of: "#") else { return nil }
        return String(target[target.index(after: hash)...])
    }
}
