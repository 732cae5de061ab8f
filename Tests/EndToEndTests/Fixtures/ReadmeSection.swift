import Foundation

/// A part of the README that tests run or compare as written: the text between
/// `<!-- NAME:begin -->` and `<!-- NAME:end -->`.
enum ReadmeSection {
    static func text(_ name: String) throws -> Substring {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let begin = text.range(of: "<!-- \(name):begin -->"),
            let end = text.range(of: "<!-- \(name):end -->", range: begin.upperBound..<text.endIndex)
        else { throw TestFailure("README.md has no \(name) markers") }
        return text[begin.upperBound..<end.lowerBound]
    }
}
