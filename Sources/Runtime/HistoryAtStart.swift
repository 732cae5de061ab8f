import Dashboard
import Foundation
import Terminal
import TokenModel

/// What a starting dashboard shows of the time before it: the last 24 hours of attempts, at most
/// 10,000, from the result log (a refreshing dashboard) or from the refresher (a viewer). Read
/// while the screen is already up; the attempts that arrive meanwhile stay, once each.
enum HistoryAtStart {
    /// Reads the history (nothing without a source) and posts it to the screen.
    static func load(from source: (any AttemptHistorySource)?, into inbox: MessageInbox) async {
        guard let source else { return }
        let bounds = AttemptHistory.bounds(now: Date(), since: nil, limit: nil)
        for message in messages(await source.history(since: bounds.since, limit: bounds.limit)) { inbox.post(message) }
    }

    /// The attempts, and a notice naming what could not be read (the unreadable lines are
    /// counted in the log pane's title).
    static func messages(_ history: AttemptHistory) -> [DashboardMsg] {
        var messages: [DashboardMsg] = []
        if !history.records.isEmpty || history.skipped > 0 {
            messages.append(.history(history.records, skipped: history.skipped))
        }
        if let problem = history.problems.first {
            let more = history.problems.count > 1 ? " (and \(history.problems.count - 1) more)" : ""
            messages.append(.notice("history: \(problem)\(more)"))
        }
        return messages
    }
}
