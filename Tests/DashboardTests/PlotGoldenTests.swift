import Dashboard
import Foundation
import Testing
import TokenModel

/// Golden views of the plots: the detail pane's sparkline and the timeline, at the standard sizes
/// and in both glyph sets.
@Suite struct PlotGoldenTests {
    static let sizes = [(120, 40), (80, 24), (60, 20)]

    static func name(_ what: String, _ cols: Int, _ rows: Int, _ glyphs: Glyphs) -> String {
        "\(what)-\(cols)x\(rows)\(glyphs.isASCII ? "-ascii" : "").txt"
    }

    /// Sizes with a detail pane (at 60x20 the table and log keep the screen).
    @Test(arguments: [(120, 40), (100, 30), (80, 24)], [Glyphs.unicode, .ascii])
    func sparklineInTheDetailPane(size: (Int, Int), glyphs: Glyphs) throws {
        var state = PlotFixture.state(cols: size.0, rows: size.1, glyphs: glyphs)
        // Five profiles: room for the history line at every size (nine fill 80x24 without it).
        state.filter = "cards"
        let text = view(state).text
        #expect(text.contains(glyphs.isASCII ? "ok 1h 82% (14/17) - 24h 90%" : "ok 1h 82% (14/17) · 24h 90%"))
        let allASCII = text.unicodeScalars.allSatisfy(\.isASCII)
        #expect(allASCII || !glyphs.isASCII)
        try Golden.check(text, Self.name("sparkline", size.0, size.1, glyphs))
    }

    @Test(arguments: sizes, [Glyphs.unicode, .ascii])
    func timeline(size: (Int, Int), glyphs: Glyphs) throws {
        var state = PlotFixture.state(cols: size.0, rows: size.1, glyphs: glyphs)
        press(&state, .char("T"))
        let grid = view(state)
        for profile in Fixture.profiles.prefix(size.1 - 5) { #expect(grid.text.contains(profile.name)) }
        let allASCII = grid.text.unicodeScalars.allSatisfy(\.isASCII)
        #expect(allASCII || !glyphs.isASCII)
        try Golden.check(grid.text, Self.name("timeline", size.0, size.1, glyphs))
    }

    @Test func timelineZoomedOutToADay() throws {
        var state = PlotFixture.state(cols: 120, rows: 40)
        press(&state, .char("T"), .char("-"), .char("-"))
        let text = view(state).text
        #expect(text.contains("Timeline · last 24h"))
        try Golden.check(text, "timeline-24h-120x40.txt")
    }

    /// The rows between header and footer: all the timeline draws.
    static func body(_ state: DashboardState) -> [String] {
        let grid = view(state)
        return (1..<(grid.rows - 1)).map(grid.line)
    }

    @Test func theTimelineChangesOncePerColumnNotEverySecond() throws {
        var state = PlotFixture.state(cols: 80, rows: 24)
        press(&state, .char("T"))
        let scale = TimelineScale(span: .hour, columns: 80 - 4 - 16 - 1, now: state.now)
        let first = Self.body(state)
        // Every second up to the end of the column holding now draws the same timeline.
        var later = state
        let secondsLeft = Int(scale.end.timeIntervalSince(state.now))
        for second in 1..<secondsLeft {
            _ = update(&later, .tick(state.now.addingTimeInterval(Double(second))))
            #expect(Self.body(later) == first, "\(second)s later")
        }
        _ = update(&later, .tick(scale.end))
        #expect(Self.body(later) != first, "the next column moves the timeline")
    }

    @Test func theGapShowsInAcmesRowAtTwentyOhTwo() throws {
        var state = PlotFixture.state(cols: 80, rows: 24)
        press(&state, .char("T"))
        let grid = view(state)
        let row = try #require((0..<grid.rows).first { grid.line($0).contains("acme-cards-uat") })
        let line = grid.line(row)
        // One column is 61 s: no token from 20:02 to 20:06, three failed tries in between.
        #expect(line.contains("━╌×××╌━"), "the 20:02-20:06 gap: \(line)")
        let axis = (0..<grid.rows).map(grid.line).first { $0.contains("20:00") && $0.contains("19:40") }
        #expect(axis != nil, "an HH:MM axis")
    }
}
