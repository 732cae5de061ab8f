import Foundation
import Synchronization
import TokenModel

/// The sorted and problems-only lists of `DashboardState.profiles`, and the count of problems,
/// kept so a frame reuses them: the list is sorted once per change of the profiles, the sort or
/// the problems view, never per frame. An entry is tagged with the `ProfilesVersion` it was made
/// from and the span of time it holds for (a valid token entering its refresh lead becomes a
/// problem without any new status), so a stale entry is rebuilt, never shown.
final class ProfileOrderCache: Sendable {
    private struct Entry<Value: Sendable>: Sendable {
        var version: UInt64
        var from: Date
        var until: Date
        var value: Value

        func holds(version: UInt64, at now: Date) -> Bool { self.version == version && from <= now && now < until }
    }

    private let rows = Mutex<(sort: ProfileSort, problemsOnly: Bool, entry: Entry<ProfileRows>)?>(nil)
    private let problems = Mutex<Entry<Int>?>(nil)

    /// `profiles` (at `version`) in `sort`, only the problems at `now` when `problemsOnly`.
    func rows(
        of profiles: [ProfileStatus], version: ProfilesVersion, sort: ProfileSort, problemsOnly: Bool, now: Date
    ) -> ProfileRows {
        rows.withLock { cached in
            if let cached, cached.sort == sort, cached.problemsOnly == problemsOnly,
                cached.entry.holds(version: version.value, at: now)
            {
                return cached.entry.value
            }
            var listed = profiles
            var from = Date.distantPast
            var until = Date.distantFuture
            if problemsOnly {
                (listed, until) = ProblemRule.problems(in: profiles, at: now)
                from = now
            }
            let built = ProfileRows(sort.sorted(listed))
            cached = (sort, problemsOnly, Entry(version: version.value, from: from, until: until, value: built))
            return built
        }
    }

    /// How many of `profiles` (at `version`) are problems at `now`.
    func problemCount(of profiles: [ProfileStatus], version: ProfilesVersion, now: Date) -> Int {
        problems.withLock { cached in
            if let cached, cached.holds(version: version.value, at: now) { return cached.value }
            let (found, until) = ProblemRule.problems(in: profiles, at: now)
            cached = Entry(version: version.value, from: now, until: until, value: found.count)
            return found.count
        }
    }
}
