/// What re-reading the profiles file changed. `errors` is filled when the new file was invalid
/// and the running set was left as it was.
// NOTE(helper B): defined here only so `TokenService.reload()` compiles before helper A's
// `AuthService.reload(_:)` lands; keep one definition when merging (the shape follows the design).
public struct ReloadSummary: Sendable, Equatable {
    public var added: [String]
    public var removed: [String]
    public var changed: [String]
    public var unchanged: [String]
    public var errors: [String]

    public init(added: [String] = [], removed: [String] = [], changed: [String] = [], unchanged: [String] = [], errors: [String] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
        self.unchanged = unchanged
        self.errors = errors
    }
}
