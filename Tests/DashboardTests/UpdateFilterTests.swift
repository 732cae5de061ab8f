import Dashboard
import Foundation
import Testing

@Suite struct UpdateFilterTests {
    @Test func slashTypesAFilterByNameMerchantOrTag() {
        var state = Fixture.state()
        press(&state, .char("/"))
        #expect(state.isEditingFilter)
        type(&state, "gankj")  // g, k and j are text while typing, not movement
        #expect(state.filter == "gankj")
        #expect(state.selectedIndex == nil)
        #expect(view(state).text.contains("No profile matches \"gankj\""))
        press(&state, .backspace, .backspace)
        #expect(state.filter == "gan")
        #expect(state.visibleProfiles.map(\.name) == ["ganga-cards-live"])
        #expect(state.selectedProfile?.name == "ganga-cards-live")
        press(&state, .backspace, .backspace, .backspace, .backspace)
        type(&state, "FOODS")
        #expect(state.visibleProfiles.map(\.name) == ["bharat-pg-live"], "merchant, case-insensitive")
        press(&state, .escape)
        #expect(state.filter.isEmpty && !state.isEditingFilter)
        press(&state, .char("/"))
        type(&state, "travel")
        #expect(state.visibleProfiles.map(\.name) == ["ganga-cards-live"], "tags")
    }

    @Test func enterKeepsTheFilterAndEscapeLaterClearsIt() {
        var state = Fixture.state()
        press(&state, .char("/"))
        type(&state, "pg")
        #expect(view(state).line(23).contains("Filter: pg_") == false)  // 120x40: the footer is row 39
        #expect(view(state).line(39).contains("Filter: pg_"))
        press(&state, .enter)
        #expect(!state.isEditingFilter)
        #expect(state.filter == "pg")
        #expect(state.visibleProfiles.count == 4)
        #expect(view(state).text.contains("Profiles (4 of 9) · filter: pg"))
        press(&state, .char("j"))
        #expect(state.selectedProfile?.name == "dosa-pg-uat")
        press(&state, .escape)
        #expect(state.filter.isEmpty)
        #expect(state.selectedProfile?.name == "dosa-pg-uat", "clearing the filter keeps the selection")
    }
}
