import Foundation

/// The repository's documentation as the tests check it: the README, the themes' README and every
/// article of the DocC catalog, as paths relative to the repository's root.
enum DocumentationFiles {
    /// The repository's root, found from this file's place in it (Tests/EndToEndTests/Documentation).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let catalog = "Sources/tokentop/tokentop.docc"
    static let catalogRoot = catalog + "/tokentop.md"

    /// The catalog's articles (every `.md` in it), sorted.
    static func articles() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(catalog).path)
        return names.filter { $0.hasSuffix(".md") }.sorted().map { catalog + "/" + $0 }
    }

    /// Every Markdown file whose links are checked.
    static func all() throws -> [String] {
        ["README.md", "themes/README.md"] + (try articles())
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// A `LinkCheck` over the files of the repository on disk.
    static var linkCheck: LinkCheck {
        LinkCheck(
            read: { try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) },
            exists: { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) })
    }
}
