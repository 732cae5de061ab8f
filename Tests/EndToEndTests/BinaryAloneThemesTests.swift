import Foundation
import Testing

/// The built binary copied alone into an empty directory, as onto a jump host: the bundled themes
/// are compiled in, and theme files in `$XDG_CONFIG_HOME/tokentop/themes` and in
/// `<prefix>/share/tokentop/themes` override them by name.
@Suite(.serialized) struct BinaryAloneThemesTests {
    static let builtInNames: Set = ["default", "dark", "high-contrast", "light", "mono", "nord", "solarized"]

    /// A fresh directory holding `bin/tokentop` (a copy of the built binary) and nothing else.
    private static func lonelyCopy() throws -> (directory: String, binary: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-alone-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        let binary = directory + "/bin/tokentop"
        try FileManager.default.copyItem(atPath: try Binary.path(), toPath: binary)
        return (directory, binary)
    }

    /// Runs the copy's demo dashboard with `--theme theme`; HOME and XDG directories point into
    /// `directory`. `$TOKENTOP_THEMES` is unset, and so is `NO_COLOR` (`swift test` sets it), so
    /// the theme's colours are drawn.
    private static func start(_ binary: String, in directory: String, theme: String) throws -> TmuxSession {
        let command = """
            unset TOKENTOP_THEMES NO_COLOR; cd '\(directory)' && HOME='\(directory)' XDG_CONFIG_HOME='\(directory)/config' \
            XDG_STATE_HOME='\(directory)/state' TERM=xterm-256color '\(binary)' --demo --theme \(theme) \
            --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command)
    }

    /// The theme name in the header (`theme: nord`).
    private static func themeName(in screen: String) -> String? {
        guard let range = screen.range(of: #"theme: [a-z-]+"#, options: .regularExpression) else { return nil }
        return String(screen[range].dropFirst("theme: ".count))
    }

    /// The header (first line) of a capture with escapes has red text: SGR parameter 31 (not a
    /// 256-colour or RGB index, which follow 38;5 / 48;5 / 38;2 / 48;2).
    private static func headerIsRed(_ capture: String) -> Bool {
        let header = capture.split(separator: "\n").first.map(String.init) ?? ""
        var rest = header[...]
        while let start = rest.range(of: "\u{1b}[") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "m") else { break }
            let parameters = tail[..<end].split(separator: ";").map { Int($0) ?? -1 }
            var index = 0
            while index < parameters.count {
                switch parameters[index] {
                case 38, 48: index += parameters.dropFirst(index + 1).first == 5 ? 3 : 5
                case 31: return true
                default: index += 1
                }
            }
            rest = tail[end...]
        }
        return false
    }

    @Test func bundledThemesWorkWithTheBinaryAloneAndTCyclesThemAll() async throws {
        let (directory, binary) = try Self.lonelyCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["bin"])
        let tmux = try Self.start(binary, in: directory, theme: "nord")
        defer { tmux.kill() }
        // The footer (where a theme problem would be told) is drawn last: the wait is for it too.
        let first = try await tmux.waitFor("the dashboard in nord, down to the footer") {
            $0.contains("acme-pay") && $0.contains("theme: nord") && TmuxSession.bottomLineDrawn($0)
        }
        #expect(!first.contains("no such theme"), "\(first)")
        #expect(!Self.headerIsRed(try tmux.captureWithEscapes()))
        var seen: Set<String> = ["nord"]
        var current = "nord"
        for _ in 1..<Self.builtInNames.count {
            try tmux.send("t")
            let before = current
            let screen = try await tmux.waitFor("the theme after \(before)") {
                Self.themeName(in: $0).map { $0 != before } ?? false
            }
            current = Self.themeName(in: screen) ?? ""
            seen.insert(current)
            #expect(!screen.contains("no such theme"), "\(screen)")
        }
        #expect(seen == Self.builtInNames)
    }

    @Test func aThemeInTheUserDirectoryOverridesTheBuiltInOne() async throws {
        let (directory, binary) = try Self.lonelyCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let themes = directory + "/config/tokentop/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "header = red default\n".write(toFile: themes + "/nord.theme", atomically: true, encoding: .utf8)
        let tmux = try Self.start(binary, in: directory, theme: "nord")
        defer { tmux.kill() }
        // The footer (where a theme problem would be told) is drawn last: the wait is for it too.
        let screen = try await tmux.waitFor("the dashboard in nord, down to the footer") {
            $0.contains("acme-pay") && $0.contains("theme: nord") && TmuxSession.bottomLineDrawn($0)
        }
        #expect(!screen.contains("no such theme"))
        let colours = try tmux.captureWithEscapes()
        #expect(
            Self.headerIsRed(colours),
            "the header should be red, as the user's nord.theme says: \(colours.prefix(300).debugDescription)")
    }

    @Test func aThemeInstalledBesideTheBinaryIsFound() async throws {
        let (directory, binary) = try Self.lonelyCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let themes = directory + "/share/tokentop/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "header = red default\n".write(toFile: themes + "/site.theme", atomically: true, encoding: .utf8)
        let tmux = try Self.start(binary, in: directory, theme: "site")
        defer { tmux.kill() }
        // The footer (where a theme problem would be told) is drawn last: the wait is for it too.
        let screen = try await tmux.waitFor("the dashboard in site, down to the footer") {
            $0.contains("acme-pay") && $0.contains("theme: site") && TmuxSession.bottomLineDrawn($0)
        }
        #expect(!screen.contains("no such theme"))
        #expect(Self.headerIsRed(try tmux.captureWithEscapes()))
    }
}
