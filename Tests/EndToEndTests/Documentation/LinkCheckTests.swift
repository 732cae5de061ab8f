import Testing

/// `LinkCheck` reports a missing file, a missing anchor and a link out of the tree, and accepts
/// good links, over files held in memory.
@Suite struct LinkCheckTests {
    static let files: [String: String] = [
        "README.md": """
        # Project
        ## Keys
        [good](docs/Guide.md#setup) [self](#keys) [dir](docs) [plain](docs/Guide.md)
        [missing file](docs/Gone.md) [missing anchor](docs/Guide.md#nope) [own anchor](#nope)
        [escape](../outside.md) [code anchor](docs/data.txt#L3)
        """,
        "docs/Guide.md": """
        # Guide
        ## Setup
        Back to [the keys](../README.md#keys).
        ```
        [ignored](Gone.md)
        ```
        """,
        "docs/data.txt": "x",
    ]

    static var check: LinkCheck {
        let files = Self.files
        return LinkCheck(
            read: { files[$0] },
            exists: { path in files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") } })
    }

    @Test func reportsEveryBrokenLinkWithFileLineAndReason() {
        #expect(
            Self.check.problems(in: "README.md") == [
                "README.md:4: docs/Gone.md (no such file: docs/Gone.md)",
                "README.md:4: docs/Guide.md#nope (no heading or <a id> gives the anchor #nope in docs/Guide.md)",
                "README.md:4: #nope (no heading or <a id> gives the anchor #nope in README.md)",
                "README.md:5: ../outside.md (leaves the repository)",
                "README.md:5: docs/data.txt#L3 (an anchor into docs/data.txt, which is not Markdown)",
            ])
    }

    @Test func acceptsGoodLinksAndIgnoresCode() {
        #expect(Self.check.problems(in: "docs/Guide.md").isEmpty)
    }

    @Test func resolvesRelativePaths() {
        #expect(LinkCheck.resolve("../../../README.md", from: "Sources/a/b.docc/x.md") == "README.md")
        #expect(LinkCheck.resolve("./y.md", from: "Sources/a/x.md") == "Sources/a/y.md")
        #expect(LinkCheck.resolve("../../x.md", from: "a/x.md") == nil)
        #expect(
            Self.check.linkedFiles(from: "README.md") == [
                "docs/Guide.md", "docs", "docs/Gone.md", "docs/data.txt",
            ])
    }
}
