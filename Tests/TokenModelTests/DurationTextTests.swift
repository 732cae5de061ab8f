import Testing

@testable import TokenModel

@Suite("DurationText")
struct DurationTextTests {
    @Test(
        "parses units, combinations and bare seconds",
        arguments: [
            ("90s", Duration.seconds(90)), ("5m", .seconds(300)), ("1h", .seconds(3600)), ("1h30m", .seconds(5400)),
            ("250ms", .milliseconds(250)), ("45", .seconds(45)), ("2d", .seconds(172_800)),
            ("0.3s", .milliseconds(300)),
            (" 10s ", .seconds(10)),
        ])
    func parses(text: String, expected: Duration) throws {
        #expect(try DurationText.parse(text) == expected)
    }

    @Test(
        "refuses unknown units, negatives and empty text", arguments: ["5x", "-1s", "", "  ", "s", "1h-5m", "1.2.3s"])
    func refuses(text: String) {
        #expect(throws: DurationText.ParseError(text: text)) { try DurationText.parse(text) }
    }

    @Test("the parse error tells how to write a duration")
    func errorText() {
        #expect(DurationText.ParseError(text: "5x").description.contains("e.g. 90s, 5m"))
    }

    @Test(
        "formats with the largest fitting units",
        arguments: [
            (Duration.seconds(150), "2m30s"), (.seconds(3600), "1h"), (.milliseconds(450), "450ms"), (.zero, "0ms"),
            (.seconds(90_061), "1d1h1m1s"), (.seconds(120), "2m"),
        ])
    func formats(duration: Duration, expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test("format and parse round-trip")
    func roundTrip() throws {
        for seconds in [1, 59, 61, 3599, 3661, 86_400] {
            let duration = Duration.seconds(seconds)
            #expect(try DurationText.parse(DurationText.format(duration)) == duration)
        }
    }
}
