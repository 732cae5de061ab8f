import BlockingThreads
import Foundation
import Logging
import ResultLog
import TokenModel

/// History from the result log's tail, for the refreshing process's own screen at start and
/// for viewers that ask over the socket. Only the attempts of the profiles this process serves
/// (`profiles`): the default log is shared by every profiles file and `--demo`.
///
/// One reading at a time, process-wide: a request that arrives while the log is being read
/// waits for that reading and takes its answer when it covers the request (same profiles, a
/// `since` no earlier, a `limit` no larger), and an answer is reused for `reuse` after it was
/// read, as long as nothing was written to the log since that reading began (its `stamp`, the
/// log's size and file, is unchanged: an answer never misses an attempt written before the
/// request). So however many viewers ask, the log is read at most once per `reuse` or per line
/// written, one reading at a time, and a reading
/// holds one `BlockingWork` thread (the sinks and hooks keep the others). The last answer stays
/// in memory until the next request finds it past `reuse` (and drops it) or a new reading
/// replaces it. What could not be read is logged when it differs from what the last
/// reading logged, so a viewer asking in a loop does not flood the log.
actor ResultLogHistory: AttemptHistorySource {
    /// Reads the log: since, limit, the profiles to keep (nil: all). Blocking.
    typealias Reader = @Sendable (Date, Int, Set<String>?) -> AttemptHistory

    /// How long an answer is reused.
    static let reuse: Duration = .seconds(3)

    /// What a reading was asked for.
    struct Request: Equatable {
        var since: Date
        var limit: Int
        var profiles: Set<String>?

        /// An answer to `self` holds the answer to `other`.
        func covers(_ other: Request) -> Bool {
            profiles == other.profiles && since <= other.since && limit >= other.limit
        }
    }

    let path: String
    private let reader: Reader
    private let profiles: @Sendable () async -> Set<String>?
    private let now: @Sendable () -> Date
    /// The log's stamp (`ResultLogStamp`), taken before a reading and before reusing its answer.
    private let stamp: @Sendable () -> ResultLogStamp?
    private let logger: Logger
    /// The reading under way, and the stamp of the log when it began.
    private var flight: (number: Int, request: Request, stamp: ResultLogStamp?, task: Task<AttemptHistory, Never>)?
    private var flights = 0
    /// The last answer, while it may be reused.
    private var answer: (request: Request, stamp: ResultLogStamp?, at: Date, history: AttemptHistory)?
    /// What the last reading logged: only a change is logged again.
    private var logged: (skipped: Int, problems: [String]) = (0, [])

    init(
        path: String, profiles: @escaping @Sendable () async -> Set<String>?, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, stamp: (@Sendable () -> ResultLogStamp?)? = nil,
        reader: @escaping Reader
    ) {
        self.path = path
        self.reader = reader
        self.profiles = profiles
        self.now = now
        self.stamp = stamp ?? { ResultLogStamp.of(path) }
        self.logger = logger
    }

    init(tail: ResultLogTail, profiles: @escaping @Sendable () async -> Set<String>?, logger: Logger) {
        self.init(path: tail.path, profiles: profiles, logger: logger) { since, limit, profiles in
            tail.read(since: since, limit: limit, profiles: profiles)
        }
    }

    /// Readings started so far (each one read the files once).
    var readings: Int { flights }

    func history(since: Date, limit: Int) async -> AttemptHistory {
        let request = Request(since: since, limit: limit, profiles: await profiles())
        // A reading begun after this request arrived holds everything written before it, whatever
        // was written since: taken as it is, so a log written to all the time cannot keep a
        // request waiting for a reading during which nothing was written.
        let arrived = flights
        if let answer, now() >= answer.at.adding(Self.reuse) { self.answer = nil }
        while true {
            if let flight, flight.number > arrived, flight.request.covers(request) {
                let history = await flight.task.value
                settle(flight.number, flight.request, flight.stamp, history)
                return Self.narrow(history, to: request)
            }
            if let answer, now() < answer.at.adding(Self.reuse), answer.request.covers(request), answer.stamp == stamp()
            {
                return Self.narrow(answer.history, to: request)
            }
            if let flight {
                let history = await flight.task.value
                settle(flight.number, flight.request, flight.stamp, history)
                if flight.request.covers(request), flight.stamp == stamp() { return Self.narrow(history, to: request) }
                continue
            }
            flights += 1
            let reader = self.reader
            let before = stamp()
            let task = Task { await BlockingWork.run { reader(request.since, request.limit, request.profiles) } }
            flight = (flights, request, before, task)
        }
    }

    /// The first of the waiting requests to see a reading end keeps its answer and logs it.
    private func settle(_ number: Int, _ request: Request, _ stamp: ResultLogStamp?, _ history: AttemptHistory) {
        guard flight?.number == number else { return }
        flight = nil
        answer = (request, stamp, now(), history)
        guard history.skipped != logged.skipped || history.problems != logged.problems else { return }
        logged = (history.skipped, history.problems)
        if history.skipped > 0 {
            logger.warning("result log \(path): \(history.skipped) unreadable lines skipped while reading history")
        }
        for problem in history.problems { logger.warning("result log history: \(problem)") }
    }

    /// The part of a covering answer that `request` asked for.
    private static func narrow(_ history: AttemptHistory, to request: Request) -> AttemptHistory {
        var narrowed = history
        narrowed.records = Array(history.records.filter { $0.finishedAt >= request.since }.suffix(request.limit))
        return narrowed
    }
}
