import Dashboard
import Foundation
import Testing
import TokenModel

/// The sorted and problems-only lists are made once per change of the list, the sort or the
/// view, and reused by every frame in between (at 10,000 profiles a sort per frame would cost
/// the idle screen); whatever happens, the answer is the one a fresh sort would give.
@Suite struct ProfileOrderCacheTests {
    static func many(_ count: Int) -> DashboardState {
        var state = Fixture.state()
        state.profiles = (0..<count).map { index in
            var profile = Fixture.profiles[index % Fixture.profiles.count]
            profile.name = "p\(String((index * 7919) % count))"
            profile.refreshLeadAt = profile.state == .valid ? Fixture.at(Double(100 + index)) : nil
            return profile
        }
        return state
    }

    /// Where the array's elements live: the same address means the same (cached) array.
    static func storage(_ profiles: [ProfileStatus]) -> UnsafeRawPointer? {
        profiles.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func framesReuseOneSortUntilTheListChanges() {
        var state = Self.many(10_000)
        press(&state, .char("s"))
        let first = state.visibleProfiles
        #expect(first.map(\.name) == state.profiles.map(\.name).sorted())
        #expect(Self.storage(state.visibleProfiles) == Self.storage(first), "a second frame sorted again")
        _ = update(&state, .tick(Fixture.at(1)))
        _ = state.selectedIndex
        #expect(Self.storage(state.visibleProfiles) == Self.storage(first), "the tick sorted again")

        var changed = state.profiles[42]
        changed.name = "a-first"
        state.profiles[42] = changed
        #expect(state.visibleProfiles.first?.name == "a-first")
        #expect(Self.storage(state.visibleProfiles) != Self.storage(first))
    }

    @Test func theProblemsViewIsRebuiltOnlyWhenATokenEntersItsLead() {
        var state = Self.many(1000)
        press(&state, .char("!"))
        let first = state.visibleProfiles
        let count = state.problemCount
        _ = update(&state, .tick(Fixture.at(50)))
        #expect(Self.storage(state.visibleProfiles) == Self.storage(first))
        #expect(state.problemCount == count)
        _ = update(&state, .tick(Fixture.at(100)))
        #expect(state.problemCount == count + 1, "the first valid token entered its lead")
        #expect(state.visibleProfiles.count == count + 1)
        #expect(
            state.visibleProfiles.map(\.name)
                == state.profiles.filter { ProblemRule.isProblem($0, at: state.now) }.map(\.name))
    }

    @Test func copiesThatGoTheirOwnWayKeepTheirOwnOrder() {
        var original = Fixture.state()
        press(&original, .char("s"))
        var copy = original
        copy.profiles[0].name = "zz-last"
        #expect(copy.visibleProfiles.last?.name == "zz-last")
        #expect(original.visibleProfiles.first?.name == "acme-cards-uat")
        #expect(copy.visibleProfiles.last?.name == "zz-last")
        press(&copy, .char("s"))
        #expect(original.visibleProfiles.map(\.name) == Fixture.profiles.map(\.name).sorted())
    }
}
