import Foundation
import Testing
import TokenModel

@testable import Dashboard

/// Text columns get the width a wide screen has to spare, so MERCHANT and ENV are not cut beside
/// empty columns.
@Suite struct ColumnSpareWidthTests {
    /// Demo-like profiles: a merchant longer than the column's usual cap, addresses as environments.
    private static func state(cols: Int) -> DashboardState {
        let profiles = [
            Fixture.profile(
                "acme-pay", "Acme Payments Pvt Ltd", "127.0.0.1:41663", .valid, issued: -60, expires: 240, next: 180),
            Fixture.profile("zen-cards", "Zen Cards", "127.0.0.1:41663", .valid, issued: -60, expires: 60, next: 40),
            Fixture.profile("orbit-logistics", "Orbit Logistics", "127.0.0.1:41663", .rejected, next: 300),
        ]
        return DashboardState(
            profiles: profiles, configSource: "DEMO", size: TerminalSize(cols: cols, rows: 30), now: Fixture.now,
            timeZone: .gmt, log: AttemptLog())
    }

    /// The table's rows (between its top border and the detail pane's).
    private static func tableLines(_ grid: CellGrid) -> [String] {
        (0..<grid.rows).map(grid.line).drop { !$0.contains("Profiles (") }.dropFirst().prefix { !$0.contains("┘") }.map
        { $0 }
    }

    @Test func wideScreenShowsEveryTextInFull() {
        let lines = Self.tableLines(view(Self.state(cols: 200)))
        #expect(lines.contains { $0.contains("Acme Payments Pvt Ltd") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("127.0.0.1:41663") })
        #expect(lines.contains { $0.contains("LIFETIME") })
        #expect(!lines.joined().contains("…"))
    }

    @Test func mediumScreenShowsEveryTextInFullWhenItFits() {
        let lines = Self.tableLines(view(Self.state(cols: 120)))
        #expect(!lines.joined().contains("…"), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Acme Payments Pvt Ltd") })
        #expect(lines.contains { $0.contains("127.0.0.1:41663") })
    }

    @Test func narrowScreenCutsOnlyWhatDoesNotFit() {
        let grid = view(Self.state(cols: 80))
        let lines = Self.tableLines(grid)
        // Every row is drawn to the border, and the kept columns' headings are whole.
        #expect(lines.allSatisfy { $0.count == 80 })
        #expect(lines.first?.contains("NAME") == true && lines.first?.contains("STATE") == true)
        #expect(lines.contains { $0.contains("orbit-logistics") }, "a name that fits is not cut")
        // What is cut is cut because the columns kept take the whole width: each row's last
        // column runs to the border's padding.
        #expect(
            lines.dropFirst().allSatisfy { $0.hasSuffix(" │") && !$0.hasSuffix("  │") },
            "\(lines.joined(separator: "\n"))")
    }

    @Test func spareWidthGoesToCappedTextColumnsOnly() {
        let specs = [
            ColumnFit.Spec(natural: 6, minimum: 6, priority: 0, full: 30),
            ColumnFit.Spec(natural: 8, minimum: 8, priority: 0),
        ]
        #expect(ColumnFit.fit(specs, width: 60, gap: 2) == [30, 8])
        #expect(ColumnFit.fit(specs, width: 20, gap: 2) == [10, 8])
        #expect(ColumnFit.fit(specs, width: 16, gap: 2) == [6, 8])
    }
}
