import TokenModel

/// The profiles in the order the table lists them (see `ProfileOrderCache`), with where each
/// sits by name, so finding the selected row needs no scan.
struct ProfileRows: Sendable {
    let profiles: [ProfileStatus]
    let positions: [String: Int]

    init(_ profiles: [ProfileStatus]) {
        self.profiles = profiles
        var positions: [String: Int] = [:]
        positions.reserveCapacity(profiles.count)
        for (index, profile) in profiles.enumerated() where positions[profile.name] == nil {
            positions[profile.name] = index
        }
        self.positions = positions
    }
}
