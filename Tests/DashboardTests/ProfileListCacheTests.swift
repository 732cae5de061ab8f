import Dashboard
import Foundation
import Testing
import TokenModel

/// The dashboard finds profiles by name and counts states through caches; whatever happens to
/// the list, the answers must be the ones a scan would give.
@Suite struct ProfileListCacheTests {
    static func scanCounts(_ state: DashboardState) -> [ProfileState: Int] {
        Dictionary(grouping: state.profiles, by: \.state).mapValues(\.count)
    }

    @Test func countsFollowEveryChangeOfTheList() {
        var state = Fixture.state()
        #expect(state.stateCounts == Self.scanCounts(state))
        let first = state.profiles[0]
        var changed = first
        changed.state = .expired
        _ = update(&state, .auth(.stateChanged(changed)))
        #expect(state.stateCounts == Self.scanCounts(state))
        state.profiles.removeLast()
        #expect(state.stateCounts == Self.scanCounts(state))
        _ = update(&state, .snapshot([first]))
        #expect(state.stateCounts == [first.state: 1])
    }

    @Test func copiesThatGoTheirOwnWayKeepTheirOwnAnswers() {
        let original = Fixture.state()
        var copy = original
        copy.profiles = Array(copy.profiles.reversed())
        var shortened = original
        shortened.profiles.removeFirst()
        for state in [original, copy, shortened, original] {
            #expect(state.stateCounts == Self.scanCounts(state))
            for (offset, profile) in state.profiles.enumerated() {
                #expect(state.index(of: profile.name) == offset)
            }
            #expect(state.index(of: "no-such-profile") == nil)
        }
    }

    @Test func selectionSurvivesEventsAndReorders() {
        var state = Fixture.state()
        let target = state.profiles[3].name
        state.selectedName = target
        state.profiles.swapAt(0, 3)
        #expect(state.selectedProfile?.name == target)
        #expect(state.selectedIndex == 0)
        var status = state.profiles[0]
        status.attempts += 1
        _ = update(&state, .auth(.stateChanged(status)))
        #expect(state.profiles[0].attempts == status.attempts)
        #expect(state.selectedProfile?.name == target)
    }
}
