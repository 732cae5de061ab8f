import Dashboard
import Foundation
import Testing
import TokenModel

@Suite struct ViewTests {
    /// States that stress the layout: every overlay, focus and filter, no profiles, many
    /// profiles, and names with wide and control characters.
    static func variants(cols: Int, rows: Int) -> [DashboardState] {
        let base = Fixture.state(cols: cols, rows: rows)
        var help = base
        help.showHelp = true
        help.helpScroll = 1_000
        var confirm = base
        confirm.confirmation = .refreshRejected(String(repeating: "long-name-", count: 20))
        var filtering = base
        filtering.isEditingFilter = true
        filtering.filter = "zz東京"
        var logFocus = base
        logFocus.focus = .log
        logFocus.logScope = .selected
        logFocus.logScroll = 500
        logFocus.showDetail = false
        var empty = base
        empty.profiles = []
        empty.log = AttemptLog()
        var many = base
        many.profiles = (0..<40).map { i in
            var p = Fixture.profiles[i % Fixture.profiles.count]
            p.name = "merchant-₹-東京-\(i)-" + String(repeating: "x", count: i)
            p.merchant = "Line\nbreak\u{1B}[31m \(i)"
            p.lastAttempt?.resultMessage = "bad\tmessage\r\n" + String(repeating: "é", count: i)
            return p
        }
        many.selectedName = many.profiles[33].name
        many.configSource = "/very/long/path/" + String(repeating: "deep/", count: 30) + "profiles.yaml"
        many.modeLabel = "attached"
        many.notice = "themes/x.theme:3: unknown key"
        return [base, help, confirm, filtering, logFocus, empty, many]
    }

    /// Every row is exactly `cols` columns: a double-width character is always followed by its
    /// continuation cell, and nothing unprintable reaches the screen.
    static func checkCells(_ grid: CellGrid, _ label: String) {
        for row in 0..<grid.rows {
            var width = 0
            var expectContinuation = false
            for cell in grid.cells(inRow: row) {
                if cell.isContinuation != expectContinuation {
                    Issue.record("\(label): row \(row) col \(width): a wide character and its continuation are split")
                    return
                }
                if cell.isContinuation {
                    expectContinuation = false
                    continue
                }
                if cell.character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                ) {
                    Issue.record("\(label): row \(row) holds a control character")
                    return
                }
                let w = DisplayWidth.of(cell.character)
                width += w
                expectContinuation = w == 2
            }
            if width + (expectContinuation ? 1 : 0) != grid.cols || expectContinuation {
                Issue.record("\(label): row \(row) is \(width) columns wide")
                return
            }
        }
    }

    @Test func neverCrashesAndAlwaysFillsTheGridExactly() {
        let cols = [0, 1, 2, 5, 20, 39, 40, 41, 59, 60, 61, 79, 80, 81, 100, 120, 121]
        let rows = [0, 1, 2, 3, 8, 9, 10, 11, 15, 19, 20, 23, 24, 25, 40]
        var sizes = cols.flatMap { c in rows.map { (c, $0) } }
        sizes += [(1, 100), (300, 1), (200, 60), (300, 100), (299, 99)]
        for (c, r) in sizes {
            for state in Self.variants(cols: c, rows: r) {
                let grid = view(state)
                #expect(grid.cols == c && grid.rows == r)
                Self.checkCells(grid, "\(c)x\(r)")
            }
        }
    }

    @Test func everySizeFrom1x1To300x100Renders() {
        var state = Fixture.state()
        for (c, r) in [(1, 1), (1, 100), (300, 1), (300, 100), (40, 10), (39, 10), (40, 9)] {
            _ = update(&state, .resize(cols: c, rows: r))
            let grid = view(state)
            #expect(grid.text.split(separator: "\n", omittingEmptySubsequences: false).count == r)
        }
        _ = update(&state, .resize(cols: 39, rows: 30))
        #expect(view(state).text.contains("Terminal too small"))
        _ = update(&state, .resize(cols: 40, rows: 10))
        #expect(view(state).text.contains("acme-cards-uat"))
    }

    @Test func selectedRowIsHighlightedAndBadgesKeepTheirStateRole() throws {
        var state = Fixture.state()
        press(&state, .char("4"))
        let grid = view(state)
        let row = try #require(
            (0..<grid.rows).first { grid.line($0).contains("dosa-pg-uat") && grid.line($0).contains("✗") })
        #expect(grid.line(row).hasPrefix("│>4"))
        let nameCol = try #require(grid.line(row).range(of: "dosa")).lowerBound.utf16Offset(in: grid.line(row))
        #expect(grid[row, nameCol].style == .selected)
        let badgeCol = try #require(Array(grid.line(row)).firstIndex(of: "✗"))
        #expect(grid[row, badgeCol].style == .state(.expired))
        let other = try #require(
            (0..<grid.rows).first { grid.line($0).contains("acme-cards-uat") && grid.line($0).contains("●") })
        #expect(grid[other, 4].style == .normal)
        #expect(grid[0, 1].style == .title)
    }

    @Test func everyStateIsToldApartWithoutColour() {
        let badges = ProfileState.allCases.map(StateBadge.text)
        #expect(Set(badges).count == badges.count)
        #expect(Set(ProfileState.allCases.map(StateBadge.symbol)).count == ProfileState.allCases.count)
        for state in ProfileState.allCases {
            #expect(DisplayWidth.of(String(StateBadge.symbol(state))) == 1)
            #expect(StateBadge.text(state).hasSuffix(state.rawValue))
        }
        let text = view(Fixture.state()).text
        for badge in badges { #expect(text.contains(badge), "\(badge)") }
    }

    @Test func detailPaneShowsEverythingButSecrets() {
        var state = Fixture.state()
        state.timeZone = TimeZone(identifier: "Asia/Kolkata") ?? .gmt
        let text = view(state).text
        for expected in [
            "Base URL     https://pay-uat.enkash.in", "Access key   AK••••AC42", "Fingerprint  3f9aacmec2b7",
            "Issued at    2026-11-25 01:51:00 UTC+05:30",
            "Expires at   2026-11-25 01:56:59 UTC+05:30 · 2026-11-24 20:26:59 UTC (in 4:59)",
            "Next refresh 01:56:00 (in 4:00)", "Attempts     3", "HTTP status  200", "Latency      142ms",
            "Clock skew   +0.4s", "Result       0 Success", "Last error   -", "tags: retail, uat",
            "01:52:00 UTC+05:30",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    @Test func detailPaneShowsTheProxyOrDirectNeverCredentials() {
        var state = Fixture.state()
        #expect(view(state).text.contains("Base URL     https://pay-uat.enkash.in · proxy 10.0.0.5:3128"))
        press(&state, .char("5"))
        #expect(view(state).text.contains("Base URL     https://pay-uat.enkash.in · direct"))
    }

    @Test func detailOfAFailingProfileShowsTheError() {
        var state = Fixture.state()
        press(&state, .char("5"))
        let text = view(state).text
        #expect(text.contains("Last error   connection refused (pay-uat.enkash.in:443)"))
        #expect(text.contains("Attempts     3 (try 3)"))
    }

    @Test func tableScrollsToKeepTheSelectionVisible() {
        var state = Fixture.state(cols: 80, rows: 24)
        state.profiles = (1...30).map { i in
            Fixture.profile("p\(i)", "M\(i)", "cards-uat", .valid, issued: -60, expires: Double(i * 60))
        }
        state.selectedName = "p1"
        press(&state, .char("G"))
        let text = view(state).text
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("│>") && $0.contains("p30 ") })
        #expect(!text.contains(" p1 "))
        #expect(text.contains("of 30"))
        press(&state, .char("g"))
        #expect(view(state).text.contains(" p1 "))
    }

    @Test func narrowScreensDropPanesInOrder() {
        var state = Fixture.state(cols: 80, rows: 24)
        #expect(Layout(state).detail != nil && Layout(state).log == nil, "asked-for detail wins over the log")
        press(&state, .enter)
        #expect(Layout(state).detail == nil && Layout(state).log != nil)
        _ = update(&state, .resize(cols: 60, rows: 14))
        #expect(Layout(state).log == nil, "then the log goes")
        #expect(Layout(state).table.height == 12)
        _ = update(&state, .resize(cols: 120, rows: 40))
        press(&state, .enter)
        #expect(Layout(state).detail != nil && Layout(state).log != nil)
    }

    @Test func noProfilesAndNoAttempts() {
        var state = Fixture.state(cols: 80, rows: 24)
        _ = update(&state, .snapshot([]))
        state.log = AttemptLog()
        let text = view(state).text
        #expect(text.contains("No profiles."))
        #expect(text.contains("No profile selected."))
    }
}
