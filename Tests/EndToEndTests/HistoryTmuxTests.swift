import Foundation
import Testing

/// The real dashboard remembers: attempts made before a restart are on screen right after it,
/// read back from the result log.
@Suite(.serialized) struct HistoryTmuxTests {
    /// The demo dashboard in UTC (the log pane's times then match the result log's), with its
    /// own config and state directories; the shell prints `EXIT=<status>` when tokentop ends.
    private static func start(in directory: String) throws -> TmuxSession {
        let binary = try Binary.path()
        let command = """
            trap : INT; cd '\(directory)' && TZ=UTC XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            TERM=xterm-256color '\(binary)' --demo --manual-refresh-interval 0 --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 140, rows: 60)
    }

    /// Each result-log line's finish time (`HH:MM:SS`, UTC, and as a date) and profile, in file order.
    private static func attempts(in path: String) -> [(time: String, at: Date, profile: String)] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let ts = object["ts"] as? String, let profile = object["profile"] as? String,
                let at = format.date(from: ts)
            else { return nil }
            return (String(ts.dropFirst(11).prefix(8)), at, profile)
        }
    }

    /// The number in the log pane's title, `Log · all (N)`.
    private static func logCount(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"Log · all \([0-9]+\)"#, options: .regularExpression) else { return nil }
        return Int(screen[range].drop { $0 != "(" }.dropFirst().prefix { $0 != ")" })
    }

    @Test func earlierAttemptsAreOnScreenAfterARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-history-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/results.jsonl"

        let first = try Self.start(in: directory)
        defer { first.kill() }
        try await first.waitFor("a logged attempt") { $0.contains(" success ") }
        // Refresh all, twice (no manual-refresh window: each sends requests).
        for round in 1...2 {
            // The demo's slow first attempts end first, so `before` counts them.
            try await Task.sleep(for: .seconds(2))
            let before = Self.attempts(in: log).count
            try first.send("R")
            try await first.waitFor(text: "Refresh all profiles?")
            try first.send("y")
            let grew = try await AsyncWait.until(limit: 30, every: .milliseconds(100)) {
                Self.attempts(in: log).count >= before + 3
            }
            #expect(grew, "refresh all, round \(round): the result log grew from \(before) lines")
        }
        try first.send("q")
        try await first.waitFor(text: "EXIT=0")
        first.kill()
        let earlier = Self.attempts(in: log)
        let newest = try #require(earlier.last)
        #expect(earlier.count >= 8, "\(earlier.count) attempts before the restart")

        let second = try Self.start(in: directory)
        defer { second.kill() }
        // Right after the start: every earlier attempt is in the log, and the newest of them is
        // on screen with its time and profile.
        let screen = try await second.waitFor("the earlier attempts", limit: 15) { screen in
            (Self.logCount(screen) ?? 0) >= earlier.count
                && screen.range(of: "\(newest.time) +\(newest.profile) ", options: .regularExpression) != nil
        }
        #expect(!screen.contains("unreadable"), "\(screen)")
        try second.send("q")
        try await second.waitFor(text: "EXIT=0")
    }
    @Test func anAttachedDashboardShowsItsOwnersEarlierAttempts() async throws {
        let scratch = try Scratch()
        let files = AttachTmuxTests()
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", files.credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", files.profiles(sandbox.baseURL))
        let owner = try AttachTmuxTests.dashboard(scratch, config: config, log: scratch.path + "/owner.jsonl")
        defer { owner.kill() }
        try await AttachTmuxTests.waitForRequests(sandbox, 2)

        // The viewer starts after both attempts: they reach its log pane only through `history`.
        let viewer = try AttachTmuxTests.dashboard(scratch, config: config, log: scratch.path + "/viewer.jsonl")
        defer { viewer.kill() }
        let attempt = { (profile: String) in #"[0-9]{2}:[0-9]{2}:[0-9]{2} +"# + profile + " +success " }
        let screen = try await AttachTmuxTests.wait(viewer, "the owner's two attempts in the viewer's log", limit: 20) {
            screen in
            screen.contains("attached to dashboard pid") && Self.logCount(screen) == 2
                && screen.range(of: attempt("alpha"), options: .regularExpression) != nil
                && screen.range(of: attempt("beta"), options: .regularExpression) != nil
        }
        #expect(!screen.contains("No attempts yet"))
        #expect(try AttachTmuxTests.requests(sandbox) == 2, "the viewer fetched tokens of its own")
        try viewer.send("q")
        try await AttachTmuxTests.wait(viewer, text: "EXIT=0")
    }
}
