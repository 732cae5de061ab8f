import Dashboard
import Foundation
import Testing
import TokenModel

/// `s` cycles the sort and `!` toggles the problems view; the selection stays on its profile.
@Suite struct UpdateSortProblemsTests {
    @Test func sCyclesEveryOrderAndBack() {
        var state = SortProblemsFixture.state()
        #expect(state.sort == .file)
        var seen: [ProfileSort] = []
        for _ in ProfileSort.allCases {
            #expect(press(&state, .char("s")).isEmpty)
            seen.append(state.sort)
        }
        #expect(seen == [.name, .state, .expiry, .code, .merchant, .file])
        #expect(state.visibleProfiles.map(\.name) == Fixture.profiles.map(\.name))
    }

    /// The layout sizes the table by a count that needs no sorted list; it must be the number of
    /// rows the table lists in every mode.
    @Test func theRowCountMatchesTheRowsListedInEveryMode() {
        var state = SortProblemsFixture.state()
        for problems in [false, true] {
            state.problemsOnly = problems
            for sort in ProfileSort.allCases {
                state.sort = sort
                for filter in ["", "pg", "zzz"] {
                    state.filter = filter
                    #expect(state.visibleProfileCount == state.visibleProfiles.count, "\(sort) \(problems) '\(filter)'")
                }
            }
        }
        state.problemsOnly = true
        state.filter = ""
        #expect(state.visibleProfileCount > 0 && state.visibleProfileCount < state.profiles.count)
    }

    @Test func eachOrderListsTheProfilesAsDocumented() {
        var state = SortProblemsFixture.state()
        press(&state, .char("s"))
        #expect(state.visibleProfiles.map(\.name) == Fixture.profiles.map(\.name).sorted())
        press(&state, .char("s"))
        // rejected, expired, failing, stale, fetching, refreshing, paused, valid, disabled.
        #expect(
            state.visibleProfiles.map(\.name) == [
                "fern-pg-live", "dosa-pg-uat", "east-cards-uat", "chai-cards-live", "indus-cards-uat", "bharat-pg-live",
                "ganga-cards-live", "acme-cards-uat", "himal-pg-uat",
            ])
        press(&state, .char("s"))
        // Soonest expiry first (dosa's is past); no token last, in file order.
        #expect(
            state.visibleProfiles.map(\.name) == [
                "dosa-pg-uat", "bharat-pg-live", "acme-cards-uat", "ganga-cards-live", "chai-cards-live",
                "east-cards-uat", "fern-pg-live", "himal-pg-uat", "indus-cards-uat",
            ])
        press(&state, .char("s"))
        // Codes in numeric order ("0" as text is 0); no code last, in file order.
        #expect(
            state.visibleProfiles.map(\.name) == [
                "acme-cards-uat", "bharat-pg-live", "ganga-cards-live", "fern-pg-live",
                "chai-cards-live", "dosa-pg-uat", "east-cards-uat", "himal-pg-uat", "indus-cards-uat",
            ])
        press(&state, .char("s"))
        #expect(
            state.visibleProfiles.map(\.merchant)
                == Fixture.profiles.map(\.merchant).sorted { $0.lowercased() < $1.lowercased() })
    }

    @Test func theSelectionStaysOnItsProfileWhenTheOrderChanges() {
        var state = SortProblemsFixture.state()
        press(&state, .char("6"))
        #expect(state.selectedProfile?.name == "fern-pg-live")
        press(&state, .char("s"), .char("s"))
        #expect(state.selectedProfile?.name == "fern-pg-live")
        #expect(state.selectedIndex == 0, "rejected comes first")
        press(&state, .char("j"))
        #expect(state.selectedProfile?.name == "dosa-pg-uat", "moving follows the sorted rows")
        press(&state, .char("G"))
        #expect(state.selectedProfile?.name == "himal-pg-uat")
        press(&state, .char("3"))
        #expect(state.selectedProfile?.name == "east-cards-uat", "digits pick rows of the sorted list")
    }

    @Test func theSelectionStaysWhenNewStatusReordersTheList() {
        var state = SortProblemsFixture.state()
        press(&state, .char("s"), .char("s"))  // by state
        press(&state, .char("8"))
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        var acme = state.profiles[0]
        acme.state = .rejected
        _ = update(&state, .auth(.stateChanged(acme)))
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        #expect(state.selectedIndex == 0, "rejected now, and first in file order among the rejected")
        _ = update(&state, .snapshot(Array(state.profiles.reversed())))
        #expect(state.selectedProfile?.name == "acme-cards-uat")
        #expect(
            state.visibleProfiles.prefix(2).map(\.name) == ["fern-pg-live", "acme-cards-uat"],
            "ties keep the new file order")
    }

    @Test func bangShowsOnlyProblemsAndTogglesBack() {
        var state = SortProblemsFixture.state()
        #expect(state.problemCount == SortProblemsFixture.problems.count)
        #expect(press(&state, .char("!")).isEmpty)
        #expect(state.problemsOnly)
        #expect(state.visibleProfiles.map(\.name) == SortProblemsFixture.problems)
        #expect(state.selectedProfile?.name == "bharat-pg-live", "acme is not a problem: the first row is selected")
        press(&state, .char("!"))
        #expect(!state.problemsOnly)
        #expect(state.visibleProfiles.count == Fixture.profiles.count)
        #expect(state.selectedProfile?.name == "acme-cards-uat", "the selection was kept by name")
    }

    @Test func problemsCombineWithTheFilterAndTheSort() {
        var state = SortProblemsFixture.state()
        press(&state, .char("!"), .char("/"))
        type(&state, "cards")
        press(&state, .enter)
        #expect(
            state.visibleProfiles.map(\.name) == [
                "chai-cards-live", "east-cards-uat", "ganga-cards-live", "indus-cards-uat",
            ])
        press(&state, .char("s"), .char("s"))
        #expect(
            state.visibleProfiles.map(\.name) == [
                "east-cards-uat", "chai-cards-live", "indus-cards-uat", "ganga-cards-live",
            ])
        press(&state, .char("k"))
        #expect(state.selectedProfile?.name == "east-cards-uat")
        press(&state, .escape)
        #expect(state.visibleProfiles.first?.name == "fern-pg-live")
        #expect(state.selectedProfile?.name == "east-cards-uat")
    }

    @Test func aValidTokenEnteringItsLeadBecomesAProblemWithoutNewStatus() {
        var state = SortProblemsFixture.state()
        press(&state, .char("!"))
        #expect(state.problemCount == 7)
        #expect(!state.visibleProfiles.contains { $0.name == "acme-cards-uat" })
        _ = update(&state, .tick(Fixture.at(239)))
        #expect(state.problemCount == 7)
        _ = update(&state, .tick(Fixture.at(240)))
        #expect(state.problemCount == 8)
        #expect(state.visibleProfiles.first?.name == "acme-cards-uat")
        // A new token (a later lead) takes it out again.
        var renewed = state.profiles[0]
        renewed.refreshLeadAt = Fixture.at(600)
        _ = update(&state, .auth(.stateChanged(renewed)))
        #expect(state.problemCount == 7)
        #expect(state.visibleProfiles.first?.name == "bharat-pg-live")
    }

    @Test func aProfileThatRecoversLeavesTheProblemsView() {
        var state = SortProblemsFixture.state()
        press(&state, .char("!"), .char("5"))
        #expect(state.selectedProfile?.name == "fern-pg-live")
        var fern = state.profiles[5]
        fern.state = .valid
        _ = update(&state, .auth(.stateChanged(fern)))
        #expect(!state.visibleProfiles.contains { $0.name == "fern-pg-live" })
        #expect(state.problemCount == 6)
    }

    @Test func sortAndProblemsWorkInAReadOnlyViewer() {
        var state = SortProblemsFixture.state()
        state.canAct = false
        press(&state, .char("s"), .char("!"))
        #expect(state.sort == .name && state.problemsOnly)
        #expect(state.notice == nil)
    }

    @Test func theKeysAreInTheKeyMapWithTheirHelpWords() {
        let sort = KeyMap.bindings.first { $0.action == .cycleSort }
        let problems = KeyMap.bindings.first { $0.action == .toggleProblems }
        #expect(sort?.keys == [.char("s")] && sort?.context == .global)
        #expect(problems?.keys == [.char("!")] && problems?.context == .global)
        #expect(sort?.footer?.hint == "sort" && problems?.footer?.hint == "problems")
        #expect(sort?.description.lowercased().contains("sort") == true)
        #expect(problems?.description.lowercased().contains("problems") == true)
        let help = KeyMap.helpLines().map { "\($0)" }.joined(separator: "\n")
        #expect(help.contains("Sort: file order") && help.contains("Show only problems"))
    }
}
