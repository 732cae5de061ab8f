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

    /// The one text of a reload's outcome, for the log and the footer alike:
    /// `added gamma; removed -; changed -; updated -; unchanged alpha, beta`, or for a refused
    /// file `not reloaded, running set unchanged: <first error> (and 2 more)`.
    public var description: String {
        if let first = errors.first {
            let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
            return "not reloaded, running set unchanged: \(first)\(more)"
        }
        func list(_ names: [String]) -> String { names.isEmpty ? "-" : names.joined(separator: ", ") }
        return "added \(list(added)); removed \(list(removed)); changed \(list(changed)); "
            + "updated \(list(updated)); unchanged \(list(unchanged))"
    }
}
