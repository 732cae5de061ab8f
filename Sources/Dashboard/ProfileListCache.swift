import Synchronization
import TokenModel

/// Caches over `DashboardState.profiles`, so the work per frame and per auth event does not grow
/// with the number of profiles (a scan of the list per event would make a start-up quadratic,
/// and one per tick would make an idle screen cost a pass over every profile):
///
/// - where each profile sits, by name. An entry is trusted only once the profile at that
///   position is checked to carry that name; anything else rebuilds the table, so a stale entry
///   (after the list changed, or in a copy of the state whose list went another way) can cost
///   one rebuild, never a wrong answer.
/// - how many profiles are in each state, tagged with the `ProfilesVersion` they were counted at.
final class ProfileListCache: Sendable {
    private let table = Mutex<[String: Int]>([:])
    private let counts = Mutex<(version: ProfilesVersion, tally: [ProfileState: Int])?>(nil)

    /// The per-state counts for the list at `version`, computed by `count` only when the list
    /// changed since the last call.
    func stateCounts(version: ProfilesVersion, count: () -> [ProfileState: Int]) -> [ProfileState: Int] {
        counts.withLock { cached in
            if let cached, cached.version.value == version.value { return cached.tally }
            let tally = count()
            cached = (version, tally)
            return tally
        }
    }

    /// The position of the first profile named `name` in `profiles`, like `firstIndex(where:)`.
    func index(of name: String, in profiles: [ProfileStatus]) -> Int? {
        table.withLock { table in
            if let index = table[name], index < profiles.count, profiles[index].name == name { return index }
            var rebuilt: [String: Int] = [:]
            rebuilt.reserveCapacity(profiles.count)
            for (index, profile) in profiles.enumerated() where rebuilt[profile.name] == nil {
                rebuilt[profile.name] = index
            }
            table = rebuilt
            return rebuilt[name]
        }
    }
}

/// A number no other change of any profile list was given (process-wide counter), so a cached
/// summary tagged with it cannot belong to another list, even in a copy of the state.
struct ProfilesVersion: Sendable, Equatable {
    let value: UInt64

    init() { value = profilesVersionCounter.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Versions are bookkeeping: they never make two states differ.
    static func == (lhs: ProfilesVersion, rhs: ProfilesVersion) -> Bool { true }
}

private let profilesVersionCounter = Atomic<UInt64>(0)

/// The cache never makes two states differ.
struct ProfileListCacheBox: Sendable, Equatable {
    let cache = ProfileListCache()
    /// The sorted and problems-only lists (see `ProfileOrderCache`).
    let order = ProfileOrderCache()

    static func == (lhs: ProfileListCacheBox, rhs: ProfileListCacheBox) -> Bool { true }
}
