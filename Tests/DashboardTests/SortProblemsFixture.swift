import Dashboard
import Foundation
import TokenModel

/// The fixture with refresh leads: acme-cards-uat's token is well before its lead,
/// bharat-pg-live's (refreshing) is inside it, so it counts as a problem.
enum SortProblemsFixture {
    static func state(cols: Int = 120, rows: Int = 40, glyphs: Glyphs = .unicode) -> DashboardState {
        var state = Fixture.state(cols: cols, rows: rows)
        state.profiles[0].refreshLeadAt = Fixture.at(239.6)
        state.profiles[1].refreshLeadAt = Fixture.at(-10)
        state.profiles[2].refreshLeadAt = Fixture.at(3000)
        state.glyphs = glyphs
        return state
    }

    /// The problems among the fixture's profiles at `Fixture.now`, in file order.
    static let problems = [
        "bharat-pg-live", "chai-cards-live", "dosa-pg-uat", "east-cards-uat", "fern-pg-live", "ganga-cards-live",
        "indus-cards-uat",
    ]

    /// Every profile valid (one disabled): the problems view has nothing to list.
    static func allValid(cols: Int = 80, rows: Int = 24) -> DashboardState {
        var state = Fixture.state(cols: cols, rows: rows)
        state.profiles = state.profiles.map { profile in
            var profile = profile
            if profile.state != .disabled { profile.state = .valid }
            return profile
        }
        return state
    }
}
