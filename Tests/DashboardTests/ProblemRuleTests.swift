import Dashboard
import Foundation
import Testing
import TokenModel

/// Which profiles are problems: every state but `valid`, `refreshing` and `disabled`, and a
/// valid or refreshing one once its token is inside the refresh lead.
@Suite struct ProblemRuleTests {
    static func profile(_ state: ProfileState, lead: Double? = nil) -> ProfileStatus {
        var profile = Fixture.profile("p", "M", "pg-uat", state, issued: -60, expires: 240)
        profile.refreshLeadAt = lead.map(Fixture.at)
        return profile
    }

    @Test(arguments: ProfileState.allCases)
    func eachStateWithoutALead(state: ProfileState) {
        let expected = ![.valid, .refreshing, .disabled].contains(state)
        #expect(ProblemRule.isProblem(Self.profile(state), at: Fixture.now) == expected)
    }

    @Test func aGoodTokenIsAProblemFromTheMomentItEntersItsLead() {
        for state in [ProfileState.valid, .refreshing] {
            let profile = Self.profile(state, lead: 60)
            #expect(!ProblemRule.isProblem(profile, at: Fixture.at(59.9)))
            #expect(ProblemRule.isProblem(profile, at: Fixture.at(60)))
            #expect(ProblemRule.isProblem(profile, at: Fixture.at(200)))
        }
        #expect(!ProblemRule.isProblem(Self.profile(.disabled, lead: -60), at: Fixture.now))
    }

    @Test func theEmptyViewSaysWhy() {
        var state = SortProblemsFixture.allValid()
        #expect(state.problemCount == 0)
        press(&state, .char("!"))
        #expect(state.visibleProfiles.isEmpty && state.selectedProfile == nil)
        let text = view(state).text
        #expect(text.contains("No problems: all 8 enabled profiles are valid (1 disabled). ! shows all."), "\(text)")
        #expect(text.contains("problems 0/9"))
        state.profiles.removeAll { $0.state == .disabled }
        #expect(view(state).text.contains("No problems: all 8 profiles are valid."))
    }

    @Test func aFilterThatMatchesNoProblemSaysSo() {
        var state = SortProblemsFixture.state()
        press(&state, .char("!"), .char("/"))
        type(&state, "acme")
        #expect(view(state).text.contains("No problem matches \"acme\". Esc clears the filter."))
    }
}
