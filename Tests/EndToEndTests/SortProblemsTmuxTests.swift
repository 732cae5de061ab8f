import Foundation
import Testing

/// `s` (sort) and `!` (problems) in the real `tokentop --demo` dashboard, in tmux.
@Suite(.serialized) struct SortProblemsTmuxTests {
    /// The demo's profiles in file order (Sources/Sandbox/DemoMerchants.swift).
    static let fileOrder = [
        "acme-pay", "zen-cards", "bharat-fuel", "chai-point", "metro-meals", "nova-travel", "orbit-logistics",
        "saffron-hotels", "legacy-ledger", "kite-wallet",
    ]

    /// The `.state` sort's order of states, problems first (as the catalog's Dashboard.md documents it).
    static let stateOrder = [
        "rejected", "expired", "failing", "stale", "fetching", "refreshing", "paused", "valid", "disabled",
    ]

    private static func startDemo(in scratch: Scratch) throws -> TmuxSession {
        let binary = try Binary.path()
        let directory = scratch.path
        let command = """
            cd '\(directory)' && XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            TERM=xterm-256color '\(binary)' --demo --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        return try TmuxSession(command: command, cols: 120, rows: 40)
    }

    /// The profile table's rows, top to bottom, as (name, state word).
    static func rows(_ screen: String) -> [(name: String, state: String)] {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("Profiles (") }) else { return [] }
        var rows: [(String, String)] = []
        for line in lines[(top + 1)...] {
            if line.hasPrefix("└") { break }
            let words = line.split(separator: " ").map(String.init)
            guard let name = words.first(where: { fileOrder.contains($0) }) else { continue }
            let state = words.first(where: { stateOrder.contains($0) }) ?? ""
            rows.append((name, state))
        }
        return rows
    }

    /// Whether `profile`'s table row carries the selection mark.
    static func selectedRow(of profile: String, in screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0.hasPrefix("│>") && $0.contains(" \(profile) ") }
    }

    @Test func sKeyCyclesTheOrderAndKeepsTheSelection() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(in: scratch)
        defer { tmux.kill() }
        try await tmux.waitFor("the demo in file order") { Self.rows($0).map(\.name) == Self.fileOrder }
        try tmux.send("2")
        try await tmux.waitFor("the detail pane for zen-cards") { $0.contains("┌─ zen-cards") }

        // Name order, said in the header; the selection stays on zen-cards, now the last row.
        try tmux.send("s")
        // A frame is drawn top to bottom and a capture can come in its middle: each wait covers
        // what is checked after it (the selection mark, the detail pane below the table).
        let byName = try await tmux.waitFor("the rows sorted by name, zen-cards still selected") {
            Self.rows($0).map(\.name) == Self.fileOrder.sorted() && $0.contains("sort: name")
                && $0.contains("┌─ zen-cards") && Self.selectedRow(of: "zen-cards", in: $0)
        }
        #expect(byName.contains("┌─ zen-cards"), "the selection moved:\n\(byName)")
        #expect(Self.selectedRow(of: "zen-cards", in: byName))

        // State order: problems first (the rejected nova-travel before any valid profile).
        try tmux.send("s")
        let byState = try await tmux.waitFor("the rows sorted by state") { screen in
            let ranks = Self.rows(screen).map { Self.stateOrder.firstIndex(of: $0.state) ?? -1 }
            return screen.contains("sort: state") && ranks.count == 10 && !ranks.contains(-1) && ranks == ranks.sorted()
                && Self.rows(screen).first?.state == "rejected" && screen.contains("┌─ zen-cards")
        }
        #expect(byState.contains("┌─ zen-cards"))

        // Four more presses come back to file order, and the header no longer names a sort.
        try tmux.send("s", "s", "s", "s")
        try await tmux.waitFor("file order again") {
            Self.rows($0).map(\.name) == Self.fileOrder && !$0.contains("sort: ")
        }
    }

    @Test func bangShowsOnlyTheProblemsWithTheirCount() async throws {
        let scratch = try Scratch()
        let tmux = try Self.startDemo(in: scratch)
        defer { tmux.kill() }
        // Once the healthy profiles hold tokens and the demo's two refused credentials (a wrong
        // secret, a locked key) are rejected.
        try await tmux.waitFor("acme-pay valid, nova-travel and orbit-logistics rejected", limit: 20) { screen in
            let rows = Self.rows(screen)
            return rows.contains { $0 == ("acme-pay", "valid") } && rows.contains { $0 == ("nova-travel", "rejected") }
                && rows.contains { $0 == ("orbit-logistics", "rejected") }
        }
        try tmux.send("!")
        // The header, the pane's title and the rows are drawn in that order: the wait is for all
        // that is checked below, so a capture in the middle of the frame is not taken for it.
        let problems = try await tmux.waitFor("the problems view") { screen in
            let rows = Self.rows(screen)
            return screen.contains("problems \(rows.count)/10") && rows.contains { $0 == ("nova-travel", "rejected") }
                && rows.contains { $0 == ("orbit-logistics", "rejected") }
                && rows.allSatisfy { $0.state != "valid" && $0.state != "" } && !rows.contains { $0.name == "acme-pay" }
                && rows.count < 10 && screen.contains("Profiles (\(rows.count) of 10) · problems")
        }
        let rows = Self.rows(problems)
        #expect(rows.allSatisfy { $0.state != "valid" && $0.state != "" }, "a valid profile is listed:\n\(problems)")
        #expect(!rows.contains { $0.name == "acme-pay" }, "\(problems)")
        #expect(rows.count < 10, "\(problems)")
        #expect(problems.contains("Profiles (\(rows.count) of 10) · problems"))

        // ! again shows every profile, and the header drops the count.
        try tmux.send("!")
        try await tmux.waitFor("every profile again") { Self.rows($0).count == 10 && !$0.contains("problems ") }
    }
}
