import Foundation

/// Where a starting screen gets the attempts that happened before it: the result log's tail in
/// the process that refreshes, the refresher over the control socket in a viewer.
public protocol AttemptHistorySource: Sendable {
    /// The attempts that finished at or after `since`, the newest `limit` of them, oldest first.
    func history(since: Date, limit: Int) async -> AttemptHistory
}
