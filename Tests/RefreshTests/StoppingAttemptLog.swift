import Foundation
import Synchronization

@testable import Refresh
@testable import TokenModel

/// A result log that asks the service to stop as it writes the first success: the stop then
/// begins between the attempt's log line and its sink delivery, the moment SIGTERM can land in.
final class StoppingAttemptLog: AttemptLog {
    let holder: ServiceHolder
    private let lines = Mutex<[String]>([])

    init(holder: ServiceHolder) { self.holder = holder }

    var outcomes: [String] { lines.withLock { $0 } }

    func append(_ record: AttemptRecord, profile: Profile, nextRefreshAt: Date?) -> Bool {
        let first = lines.withLock { lines in
            lines.append(record.outcome.rawValue)
            return lines.count == 1
        }
        if first && record.outcome == .success { holder.service?.requestStop() }
        return true
    }
}
