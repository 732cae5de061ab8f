import Foundation
import Testing

/// The real `tokentop --demo` dashboard's timeline (`T`) in a real terminal (tmux).
@Suite(.serialized) struct TimelineTmuxTests {
    /// The demo's merchants (Sources/Sandbox/DemoMerchants.swift), in the table's order.
    static let demoProfiles = [
        "acme-pay", "zen-cards", "bharat-fuel", "chai-point", "metro-meals", "nova-travel", "orbit-logistics",
        "saffron-hotels", "legacy-ledger", "kite-wallet",
    ]

    @Test func tShowsEveryProfileOnATimeAxisAndEscReturns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-timeline-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = try Binary.path()
        let command = """
            cd '\(directory)' && XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state' \
            TERM=xterm-256color '\(binary)' --demo --log '\(directory)/results.jsonl'; echo EXIT=$?; exec sleep 60
            """
        let tmux = try TmuxSession(command: command, cols: 120, rows: 40)
        defer { tmux.kill() }
        try await tmux.waitFor("acme-pay with a valid token") { screen in
            screen.split(separator: "\n").contains { $0.contains(" acme-pay ") && $0.contains("valid") }
        }

        try tmux.send("T")
        let axis = #"(?m)^│ +.*[0-2][0-9]:[0-5][0-9] .*[0-2][0-9]:[0-5][0-9]"#
        // The timeline replaces the table row by row, and a capture can come in the middle of
        // the frame: the wait covers every row and the tick checked below, and the table gone.
        let acmeTick = { (screen: String) in
            screen.split(separator: "\n").first { $0.contains("│ acme-pay ") }?.contains("┃") == true
        }
        let screen = try await tmux.waitFor("the timeline with an HH:MM axis, every profile and acme-pay's tick") {
            screen in
            screen.contains("Timeline · last 1h") && screen.range(of: axis, options: .regularExpression) != nil
                && Self.demoProfiles.allSatisfy { screen.contains("│ \($0) ") } && acmeTick(screen)
                && !screen.contains("EXPIRES IN")
        }
        for name in Self.demoProfiles { #expect(screen.contains("│ \(name) "), "\(name) has a row: \(screen)") }
        // acme-pay's first success is a tick (a held stretch follows once a column has passed).
        let acmeRow = screen.split(separator: "\n").first { $0.contains("│ acme-pay ") }
        #expect(acmeRow?.contains("┃") == true, "acme-pay's success tick: \(screen)")
        #expect(!screen.contains("EXPIRES IN"), "the table is replaced")

        try tmux.send("-")
        try await tmux.waitFor(text: "Timeline · last 6h")
        try tmux.send("Escape")
        try await tmux.waitFor("the table again") { $0.contains("EXPIRES IN") && !$0.contains("Timeline") }
        try tmux.send("q")
        let exited = try await tmux.waitFor("EXIT=") { $0.contains("EXIT=") }
        #expect(exited.contains("EXIT=0"))
    }
}
