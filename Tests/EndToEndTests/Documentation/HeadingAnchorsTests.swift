import Testing

/// `HeadingAnchors` slugs headings the way GitHub does.
@Suite struct HeadingAnchorsTests {
    @Test(arguments: [
        ("Exit status", "exit-status"),
        ("tokentop daemon", "tokentop-daemon"),
        ("Help and version", "help-and-version"),
        ("``tokentop``", "tokentop"),
        ("The `--socket` option: who may *act*?", "the---socket-option-who-may-act"),
        ("Secrets (`{env:}`, `{file:}`)", "secrets-env-file"),
        ("snake_case and __strong__ words", "snake_case-and-strong-words"),
        ("[Linked](Other.md) heading", "linked-heading"),
        ("Metrics & health", "metrics--health"),
    ])
    func slugs(heading: String, slug: String) {
        #expect(HeadingAnchors.slug(heading) == slug)
    }

    @Test func numbersDuplicatesAndReadsEveryKindOfAnchor() {
        let text = """
            # Title #
            ## Options
            ### Options
            Setext heading
            --------------
            <a id="explicit-one"></a> and <a name=bare>
            ```
            ## Not a heading
            <a id="in-code"></a>
            ```
            #not-a-heading
            ## Options
            """
        #expect(
            HeadingAnchors.anchors(in: text) == [
                "title", "options", "options-1", "options-2", "setext-heading", "explicit-one", "bare",
            ])
    }
}
