import Foundation
import TokenModel

/// A sink write (and its `onRefresh` hook) on the wire: path, format, fingerprint and outcome;
/// never the token.
struct WireSinkReport: Codable, Equatable {
    var profile: String
    var path: String
    var format: String
    var tokenFingerprint: String
    var ok: Bool
    var error: String?
    var hookRan: Bool
    var hookExitCode: Int32?
    var hookTimedOut: Bool
    var hookDurationMs: Int64?
    var hookSummary: String?
    var at: Date

    init(_ r: SinkReport) {
        profile = r.profile
        path = r.path
        format = r.format.rawValue
        tokenFingerprint = r.tokenFingerprint
        ok = r.ok
        error = r.error
        hookRan = r.hookRan
        hookExitCode = r.hookExitCode
        hookTimedOut = r.hookTimedOut
        hookDurationMs = r.hookDuration.map(Milliseconds.of)
        hookSummary = r.hookSummary
        at = r.at
    }

    var report: SinkReport {
        SinkReport(
            profile: profile, path: path, format: TokenSinkFormat(rawValue: format) ?? .raw,
            tokenFingerprint: tokenFingerprint, ok: ok, error: error, hookRan: hookRan, hookExitCode: hookExitCode,
            hookTimedOut: hookTimedOut, hookDuration: hookDurationMs.map { .milliseconds($0) },
            hookSummary: hookSummary,
            at: at)
    }
}
