import Foundation
import Testing

/// The real `tokentop --demo` where operators meet it over SSH: no locale in the environment, old
/// terminal types. Borders and badges are drawn, nothing stale is left behind by partial redraws,
/// and the keys whose sequences terminfo does not know still do what they say.
@Suite(.serialized) struct TerminalCompatibilityTmuxTests {
    private static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-term-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The demo dashboard started through `env arguments...` (e.g. `-u LANG TERM=vt100`).
    private static func startDemo(env arguments: String, in directory: String) throws -> TmuxSession {
        let binary = try Binary.path()
        let command = """
            cd '\(directory)' && env \(arguments) XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            '\(binary)' --demo --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 120, rows: 40)
    }

    /// The name on the selected row (the one marked `>`).
    static func selected(in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: #"^[│|]>[0-9 ]*  ([a-z-]+) "#, options: .regularExpression) else {
                continue
            }
            return line[range].split(separator: " ").last.map(String.init)
        }
        return nil
    }

    /// The names in the profile table, top to bottom.
    static func names(in screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #"^[│|][> ][0-9 ]*  ([a-z]+-[a-z-]+) "#, options: .regularExpression)
            else { return nil }
            return line[range].split(separator: " ").last.map(String.init)
        }
    }

    /// Whether `locale -a` lists C.UTF-8 (glibc 2.35 and later always have it).
    private static func hasCUTF8() throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/locale")
        process.arguments = ["-a"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").contains {
            $0.lowercased() == "c.utf8" || $0.lowercased() == "c.utf-8"
        }
    }

    /// Digits (times, countdowns) made equal, so two captures a clock tick apart compare.
    private static func withoutDigits(_ screen: String) -> String {
        String(screen.map { $0.isNumber ? "0" : $0 })
    }

    /// The environments of a bare login; the last forces the ASCII set under the POSIX locale,
    /// which is what a machine without any UTF-8 locale gets (glibc 2.35 and later always have
    /// C.UTF-8, so the fallback is otherwise never reached here).
    @Test(arguments: [
        "-u LANG -u LC_ALL -u LC_CTYPE", "-u LANG -u LC_CTYPE LC_ALL=POSIX",
        "-u LANG -u LC_CTYPE LC_ALL=POSIX TOKENTOP_ASCII=1",
    ])
    func drawsWithoutALocaleAndLeavesNothingStale(locale: String) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(env: "\(locale) TERM=xterm-256color", in: directory)
        defer { tmux.kill() }
        // A badge, not just "valid ": the log's "Invalid accessKey" of the demo's rejected
        // merchant has it too, and may come first.
        // The first frame is drawn top to bottom and a capture can come in its middle: the wait
        // is for the bottom border and the footer too (the last things drawn), so what is checked
        // below (every character ASCII, the footer's keys) is checked on a whole frame.
        let ascii = locale.contains("TOKENTOP_ASCII")
        let first = try await tmux.waitFor("the table with a valid token, down to the footer") {
            $0.contains("acme-pay") && ($0.contains("● valid") || $0.contains("* valid"))
                && ($0.contains("└──") || $0.contains("+--")) && TmuxSession.bottomLineDrawn($0)
                && (!ascii || ($0.contains("+- Profiles (") && $0.contains("* valid") && $0.contains("^v move")))
        }
        // Borders and badges: UTF-8 glyphs (a UTF-8 locale such as C.UTF-8 was found) or ASCII.
        #expect(first.contains("┌─ Profiles (") || first.contains("+- Profiles ("), "\(first)")
        #expect(first.contains("● valid") || first.contains("* valid"), "\(first)")
        #expect(first.contains("└──") || first.contains("+--"), "\(first)")
        if ascii {
            #expect(first.allSatisfy { $0.isASCII }, "\(first)")
            #expect(
                first.contains("+- Profiles (") && first.contains("* valid") && first.contains("^v move"), "\(first)")
        } else if try Self.hasCUTF8() {
            // A UTF-8 locale exists, so the screen must have chosen it rather than fall back.
            #expect(first.contains("┌─ Profiles (") && first.contains("● valid"), "\(first)")
        }

        // Partial redraws (selection, log scope, focus) leave exactly what a full repaint shows.
        var clean = false
        var last = ("", "")
        for _ in 0..<5 where !clean {
            for key in ["Down", "Down", "l", "Tab", "Up", "Tab", "l", "3", "Enter", "Enter"] { try tmux.send(key) }
            try await Task.sleep(for: .milliseconds(400))
            let partial = try tmux.capture()
            try tmux.send("C-l")
            try await Task.sleep(for: .milliseconds(400))
            let repainted = try tmux.capture()
            last = (partial, repainted)
            clean = Self.withoutDigits(partial) == Self.withoutDigits(repainted)
        }
        #expect(clean, "after partial redraws:\n\(last.0)\nafter Ctrl-L:\n\(last.1)")
        try tmux.send("q")
        try await tmux.waitFor(text: "EXIT=0")
    }

    @Test(arguments: ["vt100", "screen", "xterm-256color"])
    func navigationKeysMoveTheSelection(terminal: String) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Self.startDemo(env: "TERM=\(terminal)", in: directory)
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("the profile table") { Self.names(in: $0).count >= 10 }
        let names = Self.names(in: screen)
        try #require(names.count >= 10, "\(terminal): \(screen)")
        #expect(Self.selected(in: screen) == names[0], "\(terminal): \(screen)")

        func expectSelected(_ expected: String, after key: String) async throws {
            try tmux.send(key)
            let shown = try await tmux.waitFor("\(terminal): \(expected) selected after \(key)", limit: 5) {
                Self.selected(in: $0) == expected
            }
            #expect(Self.selected(in: shown) == expected)
        }
        try await expectSelected(names[1], after: "Down")
        try await expectSelected(names[2], after: "Down")
        try await expectSelected(names[1], after: "Up")
        // End would select profile 4 and Home profile 1 if the sequences' digits were hot keys.
        try await expectSelected(names[names.count - 1], after: "End")
        try await expectSelected(names[0], after: "Home")
        try await expectSelected(names[names.count - 1], after: "End")
        try await expectSelected(names[names.count - 2], after: "Up")
        // PgDn/PgUp scroll the log: the selection stays (not profile 6, not profile 5).
        try tmux.send("PageDown")
        try tmux.send("PageUp")
        try tmux.send("PageDown")
        try await Task.sleep(for: .milliseconds(300))
        try await expectSelected(names[names.count - 1], after: "Down")
        #expect(!(try tmux.capture()).contains("filter:"), "\(terminal): a stray character started a filter")

        // A lone Esc still works: it clears a filter.
        try tmux.send("/")
        try tmux.send("z", "e", "n")
        try await tmux.waitFor(text: "filter: zen", limit: 5)
        try tmux.send("Escape")
        try await tmux.waitFor("\(terminal): Esc to clear the filter", limit: 5) {
            !$0.contains("filter: zen") && Self.names(in: $0).count >= 10
        }
        try tmux.send("q")
        try await tmux.waitFor(text: "EXIT=0")
    }
}
