import Dashboard
import Foundation
import Testing
import TokenModel

@Suite struct FormattingTests {
    @Test(arguments: [
        (299.6, "4:59"), (300, "5:00"), (59.999, "0:59"), (0, "0:00"), (3723, "1:02:03"), (36000, "10:00:00"),
        (90_123, "1d 1:02:03"), (-12, "expired 0:12 ago"), (-0.2, "expired 0:01 ago"), (-3723, "expired 1:02:03 ago"),
        (.infinity, "-"), (.nan, "-"), (1e300, ">999d"), (-1e300, "expired >999d ago"), (86_400_000, ">999d"),
        (86_399_999, "999d 23:59:59"),
    ])
    func countdowns(seconds: Double, text: String) {
        #expect(CountdownText.format(seconds: seconds) == text)
    }

    /// The table's countdown: seconds below an hour, minutes above (a still screen for long tokens).
    @Test(arguments: [
        (299.6, "4:59"), (3599.9, "59:59"), (3600, "1h 00m"), (3723, "1h 02m"), (86_399, "23h 59m"),
        (86_400, "1d 00h"), (90_123, "1d 01h"), (86_399_999, "999d 23h"), (1e300, ">999d"), (-12, "expired 0:12 ago"),
        (-3599, "expired 59:59 ago"), (-3723, "expired 1h 02m ago"), (.infinity, "-"), (.nan, "-"),
    ])
    func tableCountdowns(seconds: Double, text: String) {
        let now = Fixture.now
        #expect(CountdownText.coarse(expiresAt: now.addingTimeInterval(seconds), now: now) == text)
    }

    @Test func tableCountdownChangesOncePerMinuteAboveAnHour() {
        let expiry = Fixture.at(5 * 3600)
        let texts = (0..<120).map {
            CountdownText.coarse(expiresAt: expiry, now: Fixture.now.addingTimeInterval(Double($0)))
        }
        #expect(Set(texts).count == 3, "\(Set(texts))")  // 5h 00m, 4h 59m, 4h 58m
        #expect(CountdownText.coarse(expiresAt: nil, now: Fixture.now) == "-")
        let short = (0..<5).map {
            CountdownText.coarse(expiresAt: Fixture.at(600), now: Fixture.now.addingTimeInterval(Double($0)))
        }
        #expect(Set(short).count == 5, "below an hour every second shows")
    }

    @Test func countdownFromDates() {
        #expect(CountdownText.format(expiresAt: nil, now: Fixture.now) == "-")
        #expect(CountdownText.format(expiresAt: Fixture.at(61), now: Fixture.now) == "1:01")
        #expect(CountdownText.format(expiresAt: Fixture.at(-61), now: Fixture.now) == "expired 1:01 ago")
    }

    @Test func timesInAGivenZone() throws {
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let losAngeles = try #require(TimeZone(identifier: "America/Los_Angeles"))
        #expect(TimeText.clock(Fixture.now, in: .gmt) == "20:22:00")
        #expect(TimeText.dateTime(Fixture.now, in: kolkata) == "2026-11-25 01:52:00")
        #expect(TimeText.zoneLabel(kolkata, at: Fixture.now) == "UTC+05:30")
        #expect(TimeText.zoneLabel(losAngeles, at: Fixture.now) == "UTC-08:00")
        #expect(TimeText.zoneLabel(.gmt, at: Fixture.now) == "UTC")
        #expect(TimeText.dateTime(Date(timeIntervalSince1970: 0), in: .gmt) == "1970-01-01 00:00:00")
        #expect(TimeText.dateTime(Date(timeIntervalSince1970: -1), in: .gmt) == "1969-12-31 23:59:59")
        #expect(TimeText.dateTime(Date(timeIntervalSince1970: 951_782_400), in: .gmt) == "2000-02-29 00:00:00")
    }

    @Test func displayWidthsAndCutting() {
        #expect(DisplayWidth.of("₹500") == 4)
        #expect(DisplayWidth.of("┌─┐│●↻✗") == 7)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.truncated("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncated("abcd", to: 4) == "abcd")
        #expect(DisplayWidth.truncated("東京東京", to: 5) == "東京…")
        #expect(DisplayWidth.truncated("abc", to: 0) == "")
        #expect(DisplayWidth.truncated("abc", to: 1) == "…")
        #expect(DisplayWidth.padded("ab", to: 4, alignRight: true) == "  ab")
        #expect(DisplayWidth.sanitized("a\nb\u{1B}c\u{7F}") == "a b c ")
    }

    @Test func attemptLogIsARingBufferOfTheNewest() {
        var log = AttemptLog(capacity: 3)
        for i in 1...5 { log.append(Fixture.record("p\(i)", at: Double(i), .success)) }
        #expect(log.count == 3)
        #expect(log.chronological.map(\.profile) == ["p3", "p4", "p5"])
        #expect(log.newestFirst.map(\.profile) == ["p5", "p4", "p3"])
        #expect(log.newestFirst(profile: "p4").count == 1)
        #expect(AttemptLog().capacity == 10_000)
        var big = AttemptLog()
        for i in 0..<12_345 { big.append(Fixture.record("p", at: Double(i), .success)) }
        #expect(big.count == 10_000)
        #expect(big.newestFirst.first?.startedAt == Fixture.at(12_344))
        #expect(big.chronological.first?.startedAt == Fixture.at(2_345))
    }
}

@Suite struct CellGridTests {
    @Test func writesAreClippedAndCut() {
        var grid = CellGrid(cols: 6, rows: 2)
        #expect(grid.write("hello world", row: 0, col: 0) == 6)
        #expect(grid.line(0) == "hello…")
        grid.write("xyz", row: 1, col: -2)
        #expect(grid.line(1).hasPrefix("z"))
        grid.write("abc", row: 5, col: 0)
        grid.write("abc", row: -1, col: 0)
        grid.write("abc", row: 1, col: 10)
        grid.put(Cell("!"), row: 9, col: 9)
        grid.fill(row: -3, col: -3, width: 100, height: 100, with: Cell("#"))
        #expect(grid.text == "######\n######")
        #expect(grid[7, 7] == .blank)
    }

    @Test func wideCharactersTakeTwoCellsAndTextSkipsTheSecond() {
        var grid = CellGrid(cols: 6, rows: 1)
        #expect(grid.write("東京x", row: 0, col: 0, style: .title) == 5)
        #expect(grid[0, 1].isContinuation)
        #expect(grid.line(0) == "東京x ")
        #expect(grid.text == "東京x")
        #expect(grid.runs(inRow: 0).map(\.text) == ["東京x", " "])
        #expect(grid.runs(inRow: 0).map(\.col) == [0, 5])
    }

    @Test func runsSplitOnStyle() {
        var grid = CellGrid(cols: 8, rows: 1)
        grid.write("ab", row: 0, col: 1, style: .title)
        grid.write("₹9", row: 0, col: 3, style: .state(.valid))
        let runs = grid.runs(inRow: 0)
        #expect(runs.map(\.text) == [" ", "ab", "₹9", "   "])
        #expect(runs.map(\.style) == [.normal, .title, .state(.valid), .normal])
        #expect(grid.runs(inRow: 3).isEmpty)
    }

    @Test func emptyGrids() {
        #expect(CellGrid(cols: 0, rows: 0).text == "")
        #expect(CellGrid(cols: -5, rows: 3).text == "\n\n")
    }
}
