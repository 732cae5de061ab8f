import Foundation

/// Per-profile refresh settings (from the profile, else the `defaults` block, else built-in).
public struct RefreshSettings: Sendable, Equatable {
    /// Refresh at least this long before expiry (the lead is the larger of this and 15% of lifetime).
    public var before: Duration
    /// Total time allowed for one token request, connect included.
    public var timeout: Duration

    public init(before: Duration = .seconds(120), timeout: Duration = .seconds(10)) {
        self.before = before
        self.timeout = timeout
    }
}
