import Foundation

/// A loaded profiles file.
public struct ProfileSet: Sendable {
    /// Where the profiles came from: a file path, or `demo`.
    public var source: String
    public var profiles: [Profile]
    /// At most this many token requests at once (top-level `concurrency`, default 8).
    public var concurrency: Int
    /// Non-fatal findings (e.g. a literal secret in a group/world-readable file).
    public var warnings: [ConfigDiagnostic]

    public init(source: String, profiles: [Profile], concurrency: Int = 8, warnings: [ConfigDiagnostic] = []) {
        self.source = source
        self.profiles = profiles
        self.concurrency = concurrency
        self.warnings = warnings
    }
}
