import Dashboard
import Foundation
import Testing

@Suite struct ViewGoldenTests {
    @Test(arguments: [(120, 40), (80, 24), (60, 20), (30, 8)])
    func screenAtSize(cols: Int, rows: Int) throws {
        let grid = view(Fixture.state(cols: cols, rows: rows))
        #expect(grid.cols == cols && grid.rows == rows)
        try Golden.check(grid.text, "view-\(cols)x\(rows).txt")
    }

    @Test func helpOverlay() throws {
        var state = Fixture.state(cols: 80, rows: 24)
        _ = update(&state, .key(.char("?")))
        try Golden.check(view(state).text, "help-80x24.txt")
    }

    @Test func rejectedRefreshAsksWhy() throws {
        var state = Fixture.state(cols: 80, rows: 24)
        _ = update(&state, .key(.char("6")))
        _ = update(&state, .key(.char("r")))
        try Golden.check(view(state).text, "confirm-rejected-80x24.txt")
    }

    @Test func filterAndLogFocusWithoutDetail() throws {
        var state = Fixture.state(cols: 100, rows: 30)
        for key: Key in [
            .enter, .char("/"), .char("c"), .char("a"), .char("r"), .char("d"), .char("s"), .enter, .tab, .char("j"),
            .char("l"),
        ] {
            _ = update(&state, .key(key))
        }
        try Golden.check(view(state).text, "filter-log-100x30.txt")
    }
}
