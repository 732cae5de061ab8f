import BlockingThreads
import Foundation
import Logging
import ResultLog
import TokenModel

/// History from the result log's tail, for the refreshing process's own screen at start and
/// for viewers that ask over the socket. Read on a thread of its own (it reads files), when
/// asked, and not kept: the process holds no copy of its history between requests. What could
/// not be read is logged here, once per reading.
struct ResultLogHistory: AttemptHistorySource {
    let tail: ResultLogTail
    let logger: Logger

    func history(since: Date, limit: Int) async -> AttemptHistory {
        let tail = self.tail
        let history = await BlockingWork.run { tail.read(since: since, limit: limit) }
        if history.skipped > 0 {
            logger.warning("result log \(tail.path): \(history.skipped) unreadable lines skipped while reading history")
        }
        for problem in history.problems { logger.warning("result log history: \(problem)") }
        return history
    }
}
