/// What a reload of the profiles file did, by profile name.
public struct ReloadSummary: Sendable, Equatable, Codable, CustomStringConvertible {
    /// New profiles: fetched (spread over the start-up spread), or seeded from their sink.
    public var added: [String]
    /// Gone from the file: timers stopped, a request in flight is still logged but its token dropped.
    public var removed: [String]
    /// Credentials (accessKey, secretKey, baseURL or headers) changed: the old token is dropped and
    /// a new one fetched now.
    public var changed: [String]
    /// Same credentials, other settings changed (merchant, tags, refresh, sink...): token kept,
    /// settings applied in place, rescheduled when `refresh.before` changed.
    public var updated: [String]
    /// Exactly as before.
    public var unchanged: [String]
    /// Why the new file was refused (filled by callers; the running set is then untouched).
    public var errors: [String]

    public init(
        added: [String] = [], removed: [String] = [], changed: [String] = [], updated: [String] = [],
        unchanged: [String] = [], errors: [String] = []
    ) {
        self.added = added
        self.removed = removed
        self.changed = changed
        self.updated = updated
        self.unchanged = unchanged
        self.errors = errors
    }

    /// `added 1 (c), removed 0, changed 0, updated 1 (a), unchanged 3` or the errors.
    public var description: String {
        if !errors.isEmpty { return "reload refused: " + errors.joined(separator: "; ") }
        func part(_ label: String, _ names: [String]) -> String {
            names.isEmpty ? "\(label) 0" : "\(label) \(names.count) (\(names.joined(separator: ", ")))"
        }
        return [
            part("added", added), part("removed", removed), part("changed", changed), part("updated", updated),
            "unchanged \(unchanged.count)",
        ].joined(separator: ", ")
    }
}
