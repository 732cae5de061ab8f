import Dashboard
import Foundation
import Testing

@testable import Runtime
@testable import TokenModel

/// `check`'s table: a server's message is shown escaped, never as raw control characters, and
/// the failed list reads what happened, status and code, then the server's words.
@Suite struct CheckReportTableTests {
    @Test func aHostileMessageIsEscapedInTheTableAndTheFailedList() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m नमस्ते 🙂"
        let refused = CheckReportTests.result(
            "nova", outcome: .rejected, status: 401, code: .number(1001), message: hostile,
            error: "credentials refused", token: false)
        let table = CheckReport.table(
            [CheckReportTests.result("good"), refused], now: CheckReportTests.now, timeZone: .gmt)
        #expect(!table.unicodeScalars.contains { $0 != "\n" && TerminalText.isControl($0) }, "\(table)")
        let row = table.split(separator: "\n").first { $0.hasPrefix("nova ") }
        #expect(row?.contains(#" \x1B]0;pwned\x07\x1B[2J\x9B31m नमस्ते 🙂 "#) == true, "\(table)")
        #expect(
            table.contains(
                #"  nova: credentials refused (HTTP 401, resultCode 1001): \x1B]0;pwned\x07\x1B[2J\x9B31m नमस्ते 🙂"#),
            "\(table)")
        #expect(table.contains("1 of 2 profiles got a token; failed: nova\n"))
    }

    @Test func theMessageColumnShowsTheServersWordsElseOurs() {
        let down = CheckReportTests.result(
            "down", outcome: .transient, status: 503, code: nil, message: nil, error: "server error", token: false)
        let lines = CheckReport.table([down], now: CheckReportTests.now, timeZone: .gmt).split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("down ") }?.contains(" server error ") == true)
        #expect(lines.last == "  down: server error (HTTP 503)")
    }

    /// Columns line up on the terminal: a wide character (CJK) takes two columns.
    @Test func wideCharactersKeepTheColumnsAligned() {
        let wide = CheckReportTests.result(
            "wide", outcome: .transient, status: 503, code: nil, message: "支付失败", error: "server error", token: false)
        let narrow = CheckReportTests.result(
            "thin", outcome: .transient, status: 503, code: nil, message: "fail", error: "server error", token: false)
        let table = CheckReport.table([wide, narrow], now: CheckReportTests.now, timeZone: .gmt)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("wide ") || $0.hasPrefix("thin ") }
        #expect(rows.count == 2)
        let starts = rows.compactMap { row in row.range(of: "direct").map { DisplayWidth.of(row[..<$0.lowerBound]) } }
        #expect(starts.count == 2 && starts[0] == starts[1], "\(table)")
    }
}
