import Foundation
import Testing

/// The real `tokentop --demo` dashboard in a real terminal (tmux): what an operator sees and types.
@Suite(.serialized) struct DashboardTmuxTests {
    /// A scratch directory for config, state and the result log, so the tests touch nothing else.
    private static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-tmux-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts the demo dashboard; the shell prints `EXIT=<status>` when tokentop ends.
    private static func startDemo(
        cols: Int = 120, rows: Int = 40, in directory: String, terminal: String = "TERM=xterm-256color"
    ) throws -> TmuxSession {
        let binary = try Binary.path()
        // `trap : INT` keeps the wrapping shell alive through Ctrl-C (tokentop handles its own)
        // so it can report the exit status.
        let command = """
            trap : INT; cd '\(directory)' && XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            \(terminal) '\(binary)' --demo --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: cols, rows: rows)
    }

    /// The first countdown (`4:59`, `1:02:03`) on the line naming `profile`, in seconds.
    private static func countdown(of profile: String, in screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(" \(profile) ") }),
            let range = line.range(
                of: #"(?<![0-9:])[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(?![0-9:])"#, options: .regularExpression)
        else { return nil }
        return line[range].split(separator: ":").reduce(0) { $0 * 60 + (Int($1) ?? 0) }
    }

    @Test func showsProfilesAndTheCountdownGoesDown() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(in: directory)
        defer { tmux.kill() }
        // The first frame is drawn top to bottom and a capture can come in its middle: the wait
        // is for all that is checked below, down to the footer (so the detail pane's access key
        // is drawn before it is checked to be masked).
        let first = try await tmux.waitFor("acme-pay's countdown, zen-cards and the footer") {
            Self.countdown(of: "acme-pay", in: $0) != nil && $0.contains("tokentop") && $0.contains("zen-cards")
                && $0.contains("DEMO") && TmuxSession.bottomLineDrawn($0)
        }
        #expect(first.contains("tokentop"))
        #expect(first.contains("zen-cards"))
        #expect(first.contains("DEMO"))
        let before = try #require(Self.countdown(of: "acme-pay", in: first))
        // Not a fixed sleep: a loaded machine may draw the next second late.
        let later = try await tmux.waitFor("acme-pay's countdown to go down from \(before)s") {
            (Self.countdown(of: "acme-pay", in: $0) ?? before) < before
        }
        let after = try #require(Self.countdown(of: "acme-pay", in: later))
        #expect(after < before, "countdown went from \(before)s to \(after)s")
        #expect(!first.contains("ENKDEMOACME0001PAY"), "an access key is shown unmasked")
    }

    @Test(arguments: ["TERM=vt100", "TERM=screen", "TERM=xterm", "TERM=xterm-256color NO_COLOR=1"])
    func drawsOnOtherTerminals(terminal: String) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(cols: 100, rows: 30, in: directory, terminal: terminal)
        defer { tmux.kill() }
        // The rejected or fetching rows come after acme-pay's: the wait is for them too.
        let screen = try await tmux.waitFor("a valid token, and a rejected or fetching one") {
            $0.contains("acme-pay") && $0.contains("valid ") && $0.contains("DEMO")
                && ($0.contains("rejected") || $0.contains("fetching"))
        }
        #expect(screen.contains("DEMO"), "\(terminal): \(screen)")
        #expect(screen.contains("rejected") || screen.contains("fetching"), "\(terminal)")
        try tmux.send("q")
        let exited = try await tmux.waitFor("EXIT=") { $0.contains("EXIT=") }
        #expect(exited.contains("EXIT=0"), "\(terminal)")
    }

    @Test func keysSelectRefreshThemeAndHelp() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "acme-pay")

        // 2 selects the second profile: the detail pane's title names it.
        try tmux.send("2")
        try await tmux.waitFor("the detail pane for zen-cards") { $0.contains("┌─ zen-cards") }

        // r refreshes it now: a zen-cards log line with resultCode 0 appears.
        let resultLine = #"[0-9]{2}:[0-9]{2}:[0-9]{2}  zen-cards +success +0 "#
        let logged = { (screen: String) in screen.range(of: resultLine, options: .regularExpression) != nil }
        try tmux.send("r")
        try await tmux.waitFor("a zen-cards success log line", logged)

        // t switches the theme, and the header says so.
        let themed = try await tmux.waitFor(text: "theme: default")
        #expect(themed.contains("theme: default"))
        try tmux.send("t")
        try await tmux.waitFor("another theme name") { $0.contains("theme: ") && !$0.contains("theme: default") }

        // ? shows the help generated from the key map; ? again closes it.
        try tmux.send("?")
        try await tmux.waitFor(text: "Refresh all profiles now")
        try tmux.send("?")
        try await tmux.waitFor("the help to close") { !$0.contains("Refresh all profiles now") }
    }

    @Test func resizingRelaysOut() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "acme-pay")
        try tmux.resize(cols: 70, rows: 20)
        let small = try await tmux.waitFor("a 70-column layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("acme-pay")
                && lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") && $0.count == 70 }
        }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 70 })
        try tmux.resize(cols: 30, rows: 8)
        try await tmux.waitFor(text: "Terminal too small")
        try tmux.resize(cols: 100, rows: 30)
        try await tmux.waitFor(text: "acme-pay")
    }

    @Test func quitExitsZeroAndLeavesTheShellUsable() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor("a logged attempt") { $0.contains(" success ") }
        try tmux.send("q")
        let after = try await tmux.waitFor(text: "EXIT=0")
        // The dashboard's alternate screen is gone: the shell's own screen is back.
        #expect(!after.contains("acme-pay"))
        let log = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
        #expect(log.contains("resultCode"))
    }

    @Test func ctrlCExitsWithTheSignalStatusAndRestoresTheTerminal() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(in: directory)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "acme-pay")
        try tmux.send("C-c")
        let after = try await tmux.waitFor(text: "EXIT=130")
        #expect(!after.contains("acme-pay"))
        #expect(after.contains("EXIT=130"))
    }
}
