/// Where the refresh code writes one line per finished attempt (the result-log seam): `ResultLog`
/// in production.
///
/// Called on the refresh service's actor, before any follower hears of the attempt, so a line is
/// on record before a screen shows it. Must not block for long (a local file append).
public protocol AttemptLog: Sendable {
    /// Appends `entry`; false when it could not be written (the caller logs that once per attempt).
    func append(_ entry: ResultLogEntry) -> Bool
}

extension ResultLog: AttemptLog {}
