import Foundation
import Testing

/// The README, the themes' README and the DocC catalog as they are in the repository: every
/// relative link and anchor resolves, the README stays a front page, and the catalog's root page
/// leads to every article.
@Suite struct DocumentationLinkTests {
    @Test func everyRelativeLinkAndAnchorResolves() throws {
        let check = DocumentationFiles.linkCheck
        let files = try DocumentationFiles.all()
        #expect(files.count >= 3, "no catalog articles found under \(DocumentationFiles.catalog)")
        var linkCount = 0
        var problems: [String] = []
        for file in files {
            linkCount += MarkdownLinks.relative(in: try DocumentationFiles.text(file)).count
            problems += check.problems(in: file)
        }
        // The check must have had something to check: the README alone links a dozen articles.
        #expect(linkCount >= 20, "only \(linkCount) relative links found")
        #expect(problems.isEmpty, "broken links:\n\(problems.joined(separator: "\n"))")
    }

    @Test func readmeIsAtMostThreeHundredLines() throws {
        let lines = try DocumentationFiles.text("README.md").split(separator: "\n", omittingEmptySubsequences: false)
        // A final newline leaves one empty element after it.
        let count = lines.last == "" ? lines.count - 1 : lines.count
        #expect(count <= 300, "README.md has \(count) lines; the reference belongs in the catalog")
    }

    @Test func catalogRootPageIsTheModulePage() throws {
        let text = try DocumentationFiles.text(DocumentationFiles.catalogRoot)
        let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        #expect(first == "# ``tokentop``", "\(DocumentationFiles.catalogRoot) starts with '\(first)'")
    }

    @Test func catalogRootPageLinksEveryArticle() throws {
        let linked = DocumentationFiles.linkCheck.linkedFiles(from: DocumentationFiles.catalogRoot)
        let orphans = try DocumentationFiles.articles().filter {
            $0 != DocumentationFiles.catalogRoot && !linked.contains($0)
        }
        #expect(orphans.isEmpty, "articles the root page \(DocumentationFiles.catalogRoot) does not link: \(orphans)")
    }
}
