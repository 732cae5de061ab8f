import Foundation

/// A part of the documentation catalog (`Sources/tokentop/tokentop.docc`) that tests run or compare
/// as written: the text of one article between `<!-- NAME:begin -->` and `<!-- NAME:end -->`.
enum CatalogSection {
    /// The catalog's folder.
    static let catalog = DocumentationFiles.root.appendingPathComponent(DocumentationFiles.catalog)

    static func text(_ name: String, in article: String) throws -> Substring {
        let text = try String(contentsOf: catalog.appendingPathComponent(article), encoding: .utf8)
        guard let begin = text.range(of: "<!-- \(name):begin -->"),
            let end = text.range(of: "<!-- \(name):end -->", range: begin.upperBound..<text.endIndex)
        else { throw TestFailure("\(article) has no \(name) markers") }
        return text[begin.upperBound..<end.lowerBound]
    }
}
