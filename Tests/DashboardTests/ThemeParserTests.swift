import Dashboard
import Foundation
import Testing
import TokenModel

@Suite struct ThemeParserTests {
    @Test func readsColoursAttributesCommentsAndDefaults() throws {
        let text = """
            # a comment

            normal = default            # trailing comment
            header = Black #5fafd7 bold
            state.valid = bright-green default bold underline
            selected = 236 250 reverse\r
            dim = grey
            footer.key = brightred cyan dim
            title = white bold
            # header = red is commented out, and so is this: dim = red
            """
        let theme = try ThemeParser.parse(text, name: "t", file: "t.theme")
        #expect(theme.name == "t")
        #expect(theme.styles.count == 7)
        #expect(theme[.normal] == ThemeStyle(.default, .default))
        #expect(theme[.header] == ThemeStyle(.indexed(0), .rgb(0x5F, 0xAF, 0xD7), .bold))
        #expect(theme[.state(.valid)] == ThemeStyle(.indexed(10), .default, [.bold, .underline]))
        #expect(theme[.selected] == ThemeStyle(.indexed(236), .indexed(250), .reverse))
        #expect(theme[.dim] == ThemeStyle(.indexed(8)))
        #expect(theme[.footerKey] == ThemeStyle(.indexed(9), .indexed(6), .dim))
        #expect(theme[.title] == ThemeStyle(.indexed(7), .default, .bold), "no background: the terminal's own")
        // Left out: as in the default theme.
        #expect(theme[.state(.expired)] == Theme.builtinDefault[.state(.expired)])
        #expect(theme.styles[.state(.expired)] == nil)
    }

    @Test(arguments: [
        ("normal = default\nheadr = red", 2, "unknown key 'headr'"),
        ("normal = gren", 1, "unknown colour or attribute 'gren'"),
        ("# c\n\nnormal = 256", 3, "colour 256 is out of range"),
        ("normal = #12345", 1, "'#12345' is not a colour"),
        ("normal = #12345g", 1, "'#12345g' is not a colour"),
        ("normal = red blue green", 1, "a third colour 'green'"),
        ("normal = bold red", 1, "colour 'red' after an attribute"),
        ("normal = bold", 1, "needs a foreground colour"),
        ("normal =", 1, "has no colour"),
        ("normal red", 1, "expected 'key = colour"),
        ("normal = red\ndim = blue\nnormal = green", 3, "'normal' is already set on line 1"),
        ("normal = red blink", 1, "unknown colour or attribute 'blink'"),
        ("normal = red #comment", 1, "'#comment' is not a colour"),
        ("normal = red\r\nheader = red\r\nx = red", 3, "unknown key 'x'"),
    ])
    func errorsNameFileAndLine(text: String, line: Int, message: String) {
        #expect {
            try ThemeParser.parse(text, name: "x", file: "themes/x.theme")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file == "themes/x.theme" && error.line == line && error.message.contains(message)
                && error.description.hasPrefix("themes/x.theme:\(line): ")
        }
    }

    @Test func everyRoleHasAKeyAndKeysRoundTrip() {
        #expect(Set(Style.all.map(\.themeKey)).count == Style.all.count)
        #expect(Style.all.count == 29)
        for style in Style.all { #expect(Style(themeKey: style.themeKey) == style) }
        #expect(Style(themeKey: "state.bogus") == nil)
    }

    @Test func everyBundledThemeParsesAndSetsEveryKey() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.themes.path)
            .filter { $0.hasSuffix(".theme") }.sorted()
        #expect(
            files == ["dark", "default", "high-contrast", "light", "mono", "nord", "solarized"].map { "\($0).theme" })
        for file in files {
            let url = RepoPaths.themes.appendingPathComponent(file)
            let theme = try ThemeParser.parse(String(contentsOf: url, encoding: .utf8), name: file, file: url.path)
            #expect(Set(theme.styles.keys) == Set(Style.all), "\(file) sets every key")
        }
    }

    @Test func defaultThemeFileMatchesTheBuiltInOne() throws {
        let url = RepoPaths.themes.appendingPathComponent("default.theme")
        let file = try ThemeParser.parse(String(contentsOf: url, encoding: .utf8), name: "default", file: url.path)
        #expect(file == Theme.builtinDefault)
        #expect(Set(Theme.builtinDefault.styles.keys) == Set(Style.all))
        // 16 colours only, and the terminal's own background for ordinary text.
        for style in Theme.builtinDefault.styles.values {
            for colour in [style.foreground, style.background] {
                if case .indexed(let n) = colour { #expect(n < 16) } else { #expect(colour == .default) }
            }
        }
        #expect(Theme.builtinDefault[.normal].background == .default)
    }

    @Test func monoThemeUsesNoColour() throws {
        let url = RepoPaths.themes.appendingPathComponent("mono.theme")
        let theme = try ThemeParser.parse(String(contentsOf: url, encoding: .utf8), name: "mono", file: url.path)
        for style in theme.styles.values { #expect(style.foreground == .default && style.background == .default) }
        // Attention states look different from each other and from valid even without colour.
        let looks = [ProfileState.valid, .stale, .expired, .failing, .rejected].map { theme[.state($0)].attributes }
        #expect(Set(looks).count == looks.count)
    }

    @Test func readmeDocumentsEveryKey() throws {
        let readme = try String(contentsOf: RepoPaths.themes.appendingPathComponent("README.md"), encoding: .utf8)
        for style in Style.all { #expect(readme.contains("| `\(style.themeKey)` |"), "\(style.themeKey)") }
        for state in ProfileState.allCases { #expect(readme.contains("`\(StateBadge.text(state))`")) }
    }
}
