import DequeModule
import Foundation
import HeapModule
import Logging

/// Owns every profile's token and keeps it fresh.
///
/// One timer heap for all profiles: the service sleeps until the earliest due time, so 10,000
/// profiles cost nothing between refreshes. At most `concurrency` requests run at once; a
/// profile has at most one in flight, and a manual refresh during one joins it. Every finished
/// attempt is written to the result log before any follower hears of it.
public actor AuthService {
    private let client: TokenClient
    private let time: TimeSource
    private let policy: RefreshPolicy
    private let concurrency: Int
    private let resultLog: ResultLog?
    private let logger: Logger
    private var rng: JitterRandom

    private var slots: [ProfileSlot]
    private let indexByName: [String: Int]
    private var timers = Heap<RefreshTimer>()
    private var timerTask: Task<Void, Never>?
    private var timerDue: Date?
    private var queue = Deque<Int>()
    private var running = 0
    private var fetchTasks: [Int: Task<Void, Never>] = [:]
    private var followers: [Int: AsyncStream<AuthEvent>.Continuation] = [:]
    private var nextFollower = 0
    private var started = false
    private var stopped = false
    /// How often the timer woke up; tests use it to prove idle profiles cost no work.
    private(set) var timerWakeups = 0

    public init(
        profiles: [Profile], client: TokenClient, concurrency: Int = 8, policy: RefreshPolicy = RefreshPolicy(),
        resultLog: ResultLog? = nil, seed: UInt64? = nil, logger: Logger = Logger(label: "tokentop.auth")
    ) {
        self.client = client
        self.time = client.time
        self.policy = policy
        self.concurrency = max(1, concurrency)
        self.resultLog = resultLog
        self.logger = logger
        self.rng = JitterRandom(seed: seed)
        self.slots = profiles.map(ProfileSlot.init(profile:))
        var index: [String: Int] = [:]
        for (i, profile) in profiles.enumerated() { index[profile.name] = i }
        self.indexByName = index
    }

    // MARK: Lifecycle

    /// Schedules the first fetch of every enabled profile, spread over `policy.startSpread`.
    public func start() {
        guard !started, !stopped else { return }
        started = true
        let now = time.now()
        let spread = max(0, policy.startSpread.seconds)
        for i in slots.indices where slots[i].profile.enabled {
            let due = now.addingTimeInterval(spread > 0 ? Double.random(in: 0...spread, using: &rng) : 0)
            slots[i].nextRefreshAt = due
            timers.insert(RefreshTimer(due: due, slot: i, generation: slots[i].generation, kind: .refresh(.initial)))
        }
        armTimer()
    }

    /// Stops timers, cancels requests in flight (their attempts are still logged), ends every
    /// event stream, and returns once no request is running.
    public func shutdown() async {
        guard !stopped else { return }
        stopped = true
        timerTask?.cancel()
        timerTask = nil
        queue.removeAll()
        let tasks = Array(fetchTasks.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        for i in slots.indices { resumeWaiters(i, with: nil) }
        for follower in followers.values { follower.finish() }
        followers.removeAll()
    }

    // MARK: Queries

    public func snapshot() -> [ProfileStatus] {
        let now = time.now()
        return slots.map { $0.status(at: now, margin: policy.expiryMargin) }
    }

    public func status(of name: String) -> ProfileStatus? {
        indexByName[name].map { slots[$0].status(at: time.now(), margin: policy.expiryMargin) }
    }

    /// The profile's token while it is valid (not within the expiry margin), else nil.
    public func validToken(for name: String) -> IssuedToken? {
        guard let i = indexByName[name], let token = slots[i].token,
            token.isValid(at: time.now(), margin: policy.expiryMargin)
        else { return nil }
        return token
    }

    public var profileNames: [String] { slots.map(\.profile.name) }

    /// A new stream of events; any number of followers may listen at once.
    public func events() -> AsyncStream<AuthEvent> {
        let (stream, continuation) = AsyncStream<AuthEvent>.makeStream(bufferingPolicy: .unbounded)
        if stopped {
            continuation.finish()
            return stream
        }
        let id = nextFollower
        nextFollower += 1
        followers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeFollower(id) }
        }
        return stream
    }

    private func removeFollower(_ id: Int) { followers[id] = nil }

    // MARK: Commands

    public enum CommandError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownProfile(String)
        case disabled(String)
        case stopped

        public var description: String {
            switch self {
            case .unknownProfile(let name): "no profile named '\(name)'"
            case .disabled(let name): "profile '\(name)' is disabled in the profiles file"
            case .stopped: "the auth service has stopped"
            }
        }
    }

    /// Refreshes one profile now and returns the attempt's record. If a request for it is
    /// already queued or in flight, waits for that one instead of sending another.
    @discardableResult
    public func refresh(_ name: String) async throws(CommandError) -> AttemptRecord? {
        let i = try slotIndex(name)
        if !slots[i].isBusy { enqueue(i, trigger: .manual, front: true) }
        return await withCheckedContinuation { slots[i].waiters.append($0) }
    }

    /// Refreshes every enabled profile; `rejected` ones only when `includeRejected` (each try
    /// risks an account lockout). Returns the names that were skipped.
    @discardableResult
    public func refreshAll(includeRejected: Bool = false) async -> [String] {
        var skipped: [String] = []
        var names: [String] = []
        let now = time.now()
        for slot in slots where slot.profile.enabled {
            if !includeRejected && slot.state(at: now, margin: policy.expiryMargin) == .rejected {
                skipped.append(slot.profile.name)
            } else {
                names.append(slot.profile.name)
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for name in names { group.addTask { _ = try? await self.refresh(name) } }
        }
        return skipped
    }

    /// Stops automatic refresh for a profile; its token is kept and still expires.
    public func pause(_ name: String) throws(CommandError) {
        let i = try slotIndex(name)
        guard !slots[i].paused else { return }
        slots[i].paused = true
        slots[i].generation += 1
        slots[i].nextRefreshAt = nil
        publishStatus(i, force: true)
    }

    /// Resumes automatic refresh: schedules the next one as if the token had just arrived, or
    /// fetches now when there is no valid token.
    public func resume(_ name: String) throws(CommandError) {
        let i = try slotIndex(name)
        guard slots[i].paused else { return }
        slots[i].paused = false
        let now = time.now()
        if let token = slots[i].token, token.isValid(at: now, margin: policy.expiryMargin), slots[i].rejections == 0 {
            let due = max(now, policy.refreshTime(for: token, before: slots[i].profile.refresh.before, using: &rng))
            schedule(i, at: due, trigger: .scheduled)
        } else if slots[i].rejections == 0 && !slots[i].isBusy {
            enqueue(i, trigger: .scheduled, front: false)
        }
        publishStatus(i, force: true)
    }

    public func togglePause(_ name: String) throws(CommandError) {
        let i = try slotIndex(name)
        if slots[i].paused { try resume(name) } else { try pause(name) }
    }

    private func slotIndex(_ name: String) throws(CommandError) -> Int {
        guard !stopped else { throw .stopped }
        guard let i = indexByName[name] else { throw .unknownProfile(name) }
        guard slots[i].profile.enabled else { throw .disabled(name) }
        return i
    }

    // MARK: Scheduling

    private func schedule(_ i: Int, at due: Date, trigger: AttemptTrigger) {
        slots[i].generation += 1
        slots[i].nextRefreshAt = due
        timers.insert(RefreshTimer(due: due, slot: i, generation: slots[i].generation, kind: .refresh(trigger)))
        armTimer()
    }

    /// Sleeps until the earliest timer (at most 60 s, so wall-clock jumps are noticed).
    private func armTimer() {
        guard !stopped, let first = timers.min else {
            timerTask?.cancel()
            timerTask = nil
            timerDue = nil
            return
        }
        if timerTask != nil, let armed = timerDue, armed <= first.due { return }
        timerTask?.cancel()
        timerDue = first.due
        let delay = min(max(first.due.timeIntervalSince(time.now()), 0), 60)
        let time = self.time
        timerTask = Task { [weak self] in
            do { try await time.sleep(.seconds(double: delay)) } catch { return }
            await self?.timerFired()
        }
    }

    private func timerFired() {
        timerWakeups += 1
        timerTask = nil
        timerDue = nil
        // A millisecond of tolerance absorbs rounding between the clock and wall time.
        let now = time.now().addingTimeInterval(0.001)
        while let first = timers.min, first.due <= now {
            timers.removeMin()
            let i = first.slot
            switch first.kind {
            case .refresh(let trigger):
                guard first.generation == slots[i].generation, !slots[i].paused else { continue }
                slots[i].nextRefreshAt = nil
                enqueue(i, trigger: trigger, front: false)
            case .expiry:
                publishStatus(i, force: false)
            }
        }
        armTimer()
    }

    // MARK: Requests

    private func enqueue(_ i: Int, trigger: AttemptTrigger, front: Bool) {
        guard !stopped, !slots[i].isBusy else { return }
        slots[i].phase = .queued(trigger)
        if front { queue.prepend(i) } else { queue.append(i) }
        pump()
        publishStatus(i, force: false)
    }

    private func pump() {
        while running < concurrency, let i = queue.popFirst() {
            guard case .queued(let trigger) = slots[i].phase else { continue }
            launch(i, trigger: trigger)
        }
    }

    private func launch(_ i: Int, trigger: AttemptTrigger) {
        running += 1
        slots[i].phase = .running(trigger)
        slots[i].generation += 1
        slots[i].nextRefreshAt = nil
        slots[i].attempts += 1
        slots[i].streak += 1
        let attempt = slots[i].streak
        let profile = slots[i].profile
        let client = self.client
        broadcast(.attemptStarted(profile: profile.name, trigger: trigger, at: time.now()))
        fetchTasks[i] = Task { [weak self] in
            var result = await client.fetch(profile, trigger: trigger)
            result.record.attempt = attempt
            await self?.complete(i, result)
        }
    }

    private func complete(_ i: Int, _ result: FetchResult) {
        running -= 1
        fetchTasks[i] = nil
        slots[i].phase = .idle
        let now = time.now()
        let record = result.record
        slots[i].lastAttempt = record

        switch record.outcome {
        case .success:
            if let token = result.token {
                slots[i].token = token
                slots[i].everHadToken = true
                slots[i].lastSuccessAt = now
                slots[i].transientFailures = 0
                slots[i].rejections = 0
                slots[i].streak = 0
                timers.insert(
                    RefreshTimer(
                        due: token.expiresAt.adding(.zero - policy.expiryMargin), slot: i, generation: 0, kind: .expiry))
                if !slots[i].paused {
                    schedule(i, at: policy.refreshTime(for: token, before: slots[i].profile.refresh.before, using: &rng),
                        trigger: .scheduled)
                }
            }
        case .transient:
            slots[i].transientFailures += 1
            if !slots[i].paused {
                let due = policy.retryTime(
                    now: now, failures: slots[i].transientFailures, validToken: slots[i].token,
                    retryAfter: record.retryAfter, using: &rng)
                schedule(i, at: due, trigger: .retry)
            }
        case .rejected:
            slots[i].transientFailures = 0
            slots[i].rejections += 1
            // Some EnKash accounts lock after three failed attempts: one automatic retry at most.
            if slots[i].rejections == 1 && !slots[i].paused {
                schedule(i, at: policy.rejectionRetryTime(now: now, using: &rng), trigger: .retry)
            }
            logger.warning(
                "credentials refused",
                metadata: ["profile": "\(record.profile)", "httpStatus": "\(record.httpStatus.map(String.init) ?? "-")"])
        }
        if stopped { slots[i].nextRefreshAt = nil }

        let profile = slots[i].profile
        if let resultLog,
            !resultLog.append(
                ResultLogEntry(
                    record: record, merchant: profile.merchant, host: profile.hostLabel,
                    nextRefreshAt: slots[i].nextRefreshAt))
        {
            logger.error("could not write to the result log", metadata: ["profile": "\(profile.name)"])
        }
        logger.debug(
            "attempt finished",
            metadata: [
                "profile": "\(record.profile)", "outcome": "\(record.outcome.rawValue)",
                "latencyMs": "\(Int(record.latency.seconds * 1000))",
            ])
        broadcast(.attemptFinished(record))
        publishStatus(i, force: true)
        resumeWaiters(i, with: record)
        pump()
    }

    private func resumeWaiters(_ i: Int, with record: AttemptRecord?) {
        let waiters = slots[i].waiters
        slots[i].waiters.removeAll()
        for waiter in waiters { waiter.resume(returning: record) }
    }

    // MARK: Events

    private func publishStatus(_ i: Int, force: Bool) {
        let status = slots[i].status(at: time.now(), margin: policy.expiryMargin)
        guard force || status.state != slots[i].lastState else { return }
        slots[i].lastState = status.state
        broadcast(.stateChanged(status))
    }

    private func broadcast(_ event: AuthEvent) {
        for follower in followers.values { follower.yield(event) }
    }
}
