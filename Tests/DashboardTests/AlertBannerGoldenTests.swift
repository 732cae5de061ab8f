import Dashboard
import Foundation
import Testing
import TokenModel

/// The banner under the header, drawn: one alert, several, ASCII, and cut on a narrow screen.
@Suite struct AlertBannerGoldenTests {
    static func alerted(_ names: [String], cols: Int, rows: Int, glyphs: Glyphs = .unicode) -> DashboardState {
        var state = Fixture.state(cols: cols, rows: rows)
        state.glyphs = glyphs
        _ = update(&state, .tick(Fixture.at(-48)))
        for name in names {
            guard var status = state.profiles.first(where: { $0.name == name }) else { continue }
            status.state = .rejected
            _ = update(&state, .auth(.stateChanged(status)))
        }
        _ = update(&state, .tick(Fixture.now))
        return state
    }

    @Test func oneProfile() throws {
        let state = Self.alerted(["acme-cards-uat"], cols: 80, rows: 24)
        let text = view(state).text
        #expect(text.split(separator: "\n")[1].hasPrefix(" ! acme-cards-uat rejected at 20:21:12 (a: acknowledge)"))
        try Golden.check(text, "banner-one-80x24.txt")
    }

    @Test func oneProfileInASCII() throws {
        let state = Self.alerted(["acme-cards-uat"], cols: 80, rows: 24, glyphs: .ascii)
        let text = view(state).text
        let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii)
        try Golden.check(text, "banner-one-80x24-ascii.txt")
    }

    @Test func severalProfiles() throws {
        let names = ["acme-cards-uat", "bharat-pg-live", "ganga-cards-live"]
        let state = Self.alerted(names, cols: 120, rows: 40)
        let text = view(state).text
        #expect(
            text.contains(
                "! 3 profiles need attention: acme-cards-uat, bharat-pg-live, ganga-cards-live (a: acknowledge)"))
        try Golden.check(text, "banner-several-120x40.txt")
    }

    @Test func severalOnANarrowScreenAreCutBeforeTheHint() throws {
        let names = ["acme-cards-uat", "bharat-pg-live", "ganga-cards-live"]
        let state = Self.alerted(names, cols: 60, rows: 20, glyphs: .ascii)
        let line = String(view(state).text.split(separator: "\n")[1])
        #expect(line == " ! 3 profiles need attention: acme-card... (a: acknowledge)")
        try Golden.check(view(state).text, "banner-several-60x20-ascii.txt")
    }
}
