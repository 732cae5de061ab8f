import Foundation

/// What happened when a token was written to a profile's sink (and its `onRefresh` hook ran).
/// Holds no secret: the token's fingerprint only.
public struct SinkReport: Sendable, Equatable {
    public var profile: String
    public var path: String
    public var format: TokenSinkFormat
    public var tokenFingerprint: String
    /// True when the sink file was written.
    public var ok: Bool
    /// Why the write failed (path and step, never contents).
    public var error: String?
    /// True when the profile has an `onRefresh` hook and it was started.
    public var hookRan: Bool
    public var hookExitCode: Int32?
    public var hookTimedOut: Bool
    public var hookDuration: Duration?
    /// `exit 0`, `timed out after 10s (killed)`, `could not start: ...`; nil when no hook ran.
    public var hookSummary: String?
    /// When the write (and hook) finished.
    public var at: Date

    public init(
        profile: String, path: String, format: TokenSinkFormat, tokenFingerprint: String, ok: Bool,
        error: String? = nil, hookRan: Bool = false, hookExitCode: Int32? = nil, hookTimedOut: Bool = false,
        hookDuration: Duration? = nil, hookSummary: String? = nil, at: Date
    ) {
        self.profile = profile
        self.path = path
        self.format = format
        self.tokenFingerprint = tokenFingerprint
        self.ok = ok
        self.error = error
        self.hookRan = hookRan
        self.hookExitCode = hookExitCode
        self.hookTimedOut = hookTimedOut
        self.hookDuration = hookDuration
        self.hookSummary = hookSummary
        self.at = at
    }

    /// True when the sink was written and the hook, if any, exited 0 in time.
    public var succeeded: Bool { ok && (!hookRan || (hookExitCode == 0 && !hookTimedOut)) }

    /// One line for a log pane or stderr: `sink /path written (hook exit 0)`, `sink failed: ...`.
    public var summary: String {
        guard ok else { return "sink failed: \(error ?? "unknown error")" }
        var text = "sink \(path) written"
        if let hookSummary { text += " (onRefresh: \(hookSummary))" }
        return text
    }
}
