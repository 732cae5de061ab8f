import Foundation
import Testing

/// The mouse and the bell with the real `tokentop --demo` in tmux: an SGR mouse report sent to
/// the pane selects the row under it, the terminal's mouse modes are on while the dashboard runs
/// and off after it, and the demo's rejected merchant rings the bell tmux sees.
@Suite(.serialized) struct DashboardMouseBellTmuxTests {
    /// Starts the demo dashboard with `flags`; the shell prints `EXIT=<status>` when it ends.
    private static func startDemo(_ scratch: Scratch, flags: String = "") throws -> TmuxSession {
        let binary = try Binary.path()
        let directory = scratch.path
        // `trap : INT QUIT` keeps the wrapping shell alive through Ctrl-C and Ctrl-\ so it can report the status.
        let command = """
            trap : INT QUIT; cd '\(directory)' && XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            TERM=xterm-256color '\(binary)' --demo --log '\(directory)/results.jsonl' \(flags); echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 120, rows: 40)
    }

    /// A pane format (`#{mouse_sgr_flag}`, `#{window_bell_flag}`), as tmux reports it.
    private static func format(_ tmux: TmuxSession, _ name: String) throws -> String {
        try tmux.run(["display-message", "-p", "-t", "e2e", "#{\(name)}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The 0-based screen line of `profile`'s table row, and whether it carries the selection mark.
    private static func row(of profile: String, in screen: String) -> (line: Int, selected: Bool)? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("│") && $0.contains(" \(profile) ") }) else {
            return nil
        }
        return (index, lines[index].hasPrefix("│>"))
    }

    @Test func aClickSelectsTheRowAndTheWheelMovesOn() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch)
        defer { tmux.kill() }
        try await tmux.waitFor("the table") { Self.row(of: "bharat-fuel", in: $0) != nil }
        #expect(try Self.format(tmux, "mouse_standard_flag") == "1")
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "1")

        // The banner may appear under the header and move the table down one line between a
        // capture and the click: each try reads the row's line afresh.
        var selected = false
        let deadline = ContinuousClock.now.advanced(by: .seconds(15))
        while !selected && ContinuousClock.now < deadline {
            guard let target = Self.row(of: "bharat-fuel", in: try tmux.capture()) else {
                try await Task.sleep(for: .milliseconds(100))
                continue
            }
            try tmux.run(["send-keys", "-t", "e2e", "-l", "\u{1B}[<0;12;\(target.line + 1)M"])
            selected = try await AsyncWait.until(limit: 1, every: .milliseconds(100)) {
                Self.row(of: "bharat-fuel", in: try tmux.capture())?.selected == true
            }
        }
        let shown = try tmux.capture()
        #expect(selected, "a click on bharat-fuel's row selects it:\n\(shown)")
        // The detail pane is drawn after the table: the wait covers acme-pay's row as well.
        let screen = try await tmux.waitFor("bharat-fuel's detail pane, acme-pay not selected") {
            $0.contains("┌─ bharat-fuel") && Self.row(of: "acme-pay", in: $0)?.selected == false
        }
        #expect(Self.row(of: "acme-pay", in: screen)?.selected == false)

        // A wheel notch down over the table: the next profile.
        let line = try #require(Self.row(of: "bharat-fuel", in: screen)).line
        try tmux.run(["send-keys", "-t", "e2e", "-l", "\u{1B}[<65;12;\(line + 1)M"])
        try await tmux.waitFor(text: "┌─ chai-point")

        // Mouse reporting ends with the dashboard.
        try tmux.send("q")
        try await tmux.waitFor(text: "EXIT=0")
        #expect(try Self.format(tmux, "mouse_standard_flag") == "0")
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "0")
    }

    @Test func ctrlCTurnsMouseReportingOff() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch)
        defer { tmux.kill() }
        try await tmux.waitFor("the table") { Self.row(of: "bharat-fuel", in: $0) != nil }
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "1")
        try tmux.send("C-c")
        try await tmux.waitFor(text: "EXIT=130")
        #expect(try Self.format(tmux, "mouse_standard_flag") == "0")
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "0")
    }

    /// Ctrl-\ (SIGQUIT under cbreak) ends the screen like SIGTERM: mouse modes off, the normal
    /// screen back, exit 131.
    @Test func ctrlBackslashRestoresTheTerminal() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch)
        defer { tmux.kill() }
        try await tmux.waitFor("the table") { Self.row(of: "bharat-fuel", in: $0) != nil }
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "1")
        try tmux.send("C-\\")
        try await tmux.waitFor(text: "EXIT=131")
        #expect(try Self.format(tmux, "mouse_standard_flag") == "0")
        #expect(try Self.format(tmux, "mouse_sgr_flag") == "0")
        #expect(try Self.format(tmux, "alternate_on") == "0")
    }

    @Test func noMouseLeavesTheMouseToTheTerminal() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch, flags: "--no-mouse")
        defer { tmux.kill() }
        try await tmux.waitFor("the table") { Self.row(of: "bharat-fuel", in: $0) != nil }
        #expect(try Self.format(tmux, "mouse_any_flag") == "0")
        // A report that arrives anyway (typed, pasted) selects nothing. `j` after it is read after
        // it: once `j` has moved the selection from acme-pay to zen-cards, the click was ignored
        // (had it selected bharat-fuel, `j` would select chai-point and the wait would time out).
        let target = try #require(Self.row(of: "bharat-fuel", in: try tmux.capture()))
        try tmux.run(["send-keys", "-t", "e2e", "-l", "\u{1B}[<0;12;\(target.line + 1)M"])
        try tmux.send("j")
        let screen = try await tmux.waitFor("j to select zen-cards, the second row") {
            Self.row(of: "zen-cards", in: $0)?.selected == true
        }
        #expect(Self.row(of: "bharat-fuel", in: screen)?.selected == false)
    }

    @Test func aRejectionRingsTheBellAndTheBannerNamesIt() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch)
        defer { tmux.kill() }
        // nova-travel's secret is wrong: its first attempt is refused after the screen opened.
        let screen = try await tmux.waitFor("the banner and nova-travel", limit: 15) {
            $0.contains("(a: acknowledge)") && $0.contains("nova-travel")
        }
        #expect(screen.contains("nova-travel"))
        let rang = try await AsyncWait.until(limit: 10, every: .milliseconds(100)) {
            try Self.format(tmux, "window_bell_flag") == "1"
        }
        #expect(rang, "tmux saw no bell")

        // a acknowledges: nova-travel leaves the banner. Another demo merchant may turn bad just
        // after and raise a banner of its own, so only the banner line is read, for nova-travel.
        try tmux.send("a")
        try await tmux.waitFor("nova-travel to leave the banner") { screen in
            let banner = screen.split(separator: "\n").first { $0.contains("(a: acknowledge)") }
            return banner?.contains("nova-travel") != true && screen.contains("nova-travel")
        }
    }

    @Test func noBellKeepsQuietButShowsTheBanner() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(scratch, flags: "--no-bell")
        defer { tmux.kill() }
        try await tmux.waitFor("the banner", limit: 15) {
            $0.contains("(a: acknowledge)") && $0.contains("nova-travel")
        }
        // tmux takes a bell into the window's flags within its event loop turn; give it time.
        try await Task.sleep(for: .seconds(1.5))
        #expect(try Self.format(tmux, "window_bell_flag") == "0")
    }
}
