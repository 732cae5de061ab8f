import Testing

/// `MarkdownLinks` finds inline, image and reference links, and leaves code and other schemes alone.
@Suite struct MarkdownLinksTests {
    @Test func findsInlineImageAndReferenceLinksWithTheirLines() {
        let text = """
            # Title

            See [the file](Other.md#a-heading "a title") and ![a picture](images/p.png).
            [`code` in text](#local), [<angle>](<With Space.md>)

            [ref]: ../README.md#keys
            """
        #expect(
            MarkdownLinks.relative(in: text) == [
                MarkdownLink(line: 3, target: "Other.md#a-heading"),
                MarkdownLink(line: 3, target: "images/p.png"),
                MarkdownLink(line: 4, target: "#local"),
                MarkdownLink(line: 4, target: "With Space.md"),
                MarkdownLink(line: 6, target: "../README.md#keys"),
            ])
    }

    @Test func findsLinksWhoseTextWrapsOntoTheNextLine() {
        let text = """
            See [the
            dashboard](Dashbord.md) and [a link whose text
            runs over three
            lines](Three.md#x).

            A paragraph that opens [a bracket
            (no link)

            ends](NotALink.md) after a blank line, so it is no link.
            """
        #expect(
            MarkdownLinks.relative(in: text) == [
                MarkdownLink(line: 2, target: "Dashbord.md"),
                MarkdownLink(line: 4, target: "Three.md#x"),
            ])
    }

    @Test func skipsOtherSchemes() {
        let text = "[a](https://example.com/x.md) [b](http://x) [c](mailto:ops@example.com)\n[d]: https://e.org"
        #expect(MarkdownLinks.relative(in: text).isEmpty)
    }

    @Test func ignoresFencedCodeBlocksAndCodeSpans() {
        let text = """
            ```sh
            echo "[not](a-link.md)"
            ```
              ~~~~
              [also](not.md)
              ```
              ~~~~
            `[nor](this.md)` and ``a `[tricky](one.md)` span``
            [but](this.md)
            """
        #expect(MarkdownLinks.relative(in: text) == [MarkdownLink(line: 9, target: "this.md")])
    }

    @Test func splitsPathAndFragment() {
        let link = MarkdownLink(line: 1, target: "Some%20File.md#the-anchor")
        #expect(link.path == "Some File.md")
        #expect(link.fragment == "the-anchor")
        #expect(MarkdownLink(line: 1, target: "#x").path == "")
        #expect(MarkdownLink(line: 1, target: "a.md").fragment == nil)
    }
}
