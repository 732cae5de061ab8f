import Foundation

/// Where the refresh code writes one line per finished attempt (the result-log seam): `ResultLog`
/// in production.
///
/// Called on the refresh service's actor, before any follower hears of the attempt, so a line is
/// on record before a screen shows it. Must not block for long (a local file append).
public protocol AttemptLog: Sendable {
    /// Appends the line of `record`, made for `profile` (its merchant and host go on the line)
    /// and followed by a refresh at `nextRefreshAt`; false when it could not be written.
    func append(_ record: AttemptRecord, profile: Profile, nextRefreshAt: Date?) -> Bool
}
