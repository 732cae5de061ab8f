import Foundation
import Testing

/// The catalog builds with the toolchain's `docc` as Development.md says (an empty symbol graph
/// naming the module, `--warnings-as-errors`), and every article becomes a page of the site.
@Suite struct DocCCatalogTests {
    /// `docc` from the toolchain on `PATH` (it ships beside `swift`).
    static func docc() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = path.split(separator: ":").map { "\($0)/docc" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        return try #require(found, "docc is not on PATH (it comes with the Swift toolchain)")
    }

    @Test func theCatalogConvertsWithoutWarningsAndEveryArticleIsAPage() async throws {
        let scratch = try Scratch()
        let symbols = scratch.path + "/symbols"
        try FileManager.default.createDirectory(atPath: symbols, withIntermediateDirectories: true)
        _ = try scratch.write(
            "symbols/tokentop.symbols.json",
            #"{"metadata":{"formatVersion":{"major":0,"minor":6,"patch":0},"generator":"by hand"},"#
                + #""module":{"name":"tokentop","platform":{}},"symbols":[],"relationships":[]}"#)
        let output = scratch.path + "/docs"
        let catalog = DocumentationFiles.root.appendingPathComponent(DocumentationFiles.catalog).path
        let run = try await Binary.run(
            [
                "convert", catalog, "--warnings-as-errors", "--additional-symbol-graph-dir", symbols,
                "--fallback-display-name", "tokentop", "--fallback-bundle-identifier", "tokentop",
                "--fallback-default-module-kind", "Command-line Tool", "--output-path", output,
                "--transform-for-static-hosting",
            ],
            limit: 120, executable: try Self.docc())
        #expect(run.status == 0, "docc convert failed:\n\(run.all)")
        #expect(!run.all.contains("warning:"), "docc warned:\n\(run.all)")

        let pages = output + "/data/documentation/tokentop"
        #expect(FileManager.default.fileExists(atPath: output + "/data/documentation/tokentop.json"))
        for article in try DocumentationFiles.articles() where article != DocumentationFiles.catalogRoot {
            let name = URL(fileURLWithPath: article).deletingPathExtension().lastPathComponent.lowercased()
            #expect(FileManager.default.fileExists(atPath: "\(pages)/\(name).json"), "no page for \(article)")
        }
    }
}
