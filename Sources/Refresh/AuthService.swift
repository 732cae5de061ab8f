import DequeModule
import EnKashClient
import Foundation
import HeapModule
import Logging
import ResultLog
import TokenModel

/// Owns every profile's token and keeps it fresh.
///
/// One timer heap for all profiles: the service sleeps until the earliest due time, so 10,000
/// profiles cost nothing between refreshes. At most `concurrency` requests run at once; a
/// profile has at most one in flight, and a manual refresh during one joins it. Every finished
/// attempt is written to the result log before any follower hears of it, and every new token is
/// then handed to the `TokenDelivery` (sinks), in order per profile.
///
/// Profiles live in slots with stable ids that are never reused: after a `reload`, timers, queue
/// entries and completions of a removed or replaced profile find no slot and are dropped.
public actor AuthService {
    private let client: TokenClient
    private let time: TimeSource
    private let policy: RefreshPolicy
    private let concurrency: Int
    private let resultLog: ResultLog?
    private let delivery: (any TokenDelivery)?
    private let logger: Logger
    private var rng: JitterRandom

    private var slots: SlotTable
    /// Shares the texts statuses show (base URL, host) between profiles.
    private var labelTexts: ProfileLabels.Interner
    /// Slot ids in the order of the profiles file.
    private var order: [Int]
    private var idByName: [String: Int]
    private var nextSlotID: Int
    /// Slots a reload removed while their request was in flight: the completion is still logged
    /// and its waiters answered, then the slot is gone.
    private var retired: [Int: ProfileSlot] = [:]
    /// Tokens to start with instead of fetching (from sinks), used by `start()`.
    private var seeds: [String: IssuedToken]
    private var timers = Heap<RefreshTimer>()
    private var timerTask: Task<Void, Never>?
    private var timerDue: Date?
    private var queue = Deque<Int>()
    private var running = 0
    private var fetchTasks: [Int: Task<Void, Never>] = [:]
    /// Deliveries not yet finished, by delivery number; the newest per profile name is the tail
    /// the next one waits for.
    private var deliveries: [Int: Task<Void, Never>] = [:]
    private var deliveryTail: [String: (id: Int, task: Task<Void, Never>)] = [:]
    private var nextDelivery = 0
    /// Each follower's mailbox, held weakly: a stream its consumer dropped frees its mailbox.
    private var followers: [Int: WeakMailbox] = [:]
    private var nextFollower = 0
    /// Pending events per follower before statuses are coalesced (see `EventMailbox`).
    private let coalesceAfter: Int
    private var started = false
    private var stopped = false
    /// How often the timer woke up; tests use it to prove idle profiles cost no work.
    private(set) var timerWakeups = 0

    /// - Parameters:
    ///   - seeds: tokens to start with, by profile name (see `SinkReuse`): a seed still valid past
    ///     its refresh time replaces the profile's initial fetch.
    ///   - delivery: receives every new token after its result-log line (sinks).
    public init(
        profiles: [Profile], client: TokenClient, concurrency: Int = 8, policy: RefreshPolicy = RefreshPolicy(),
        resultLog: ResultLog? = nil, seed: UInt64? = nil, seeds: [String: IssuedToken] = [:],
        delivery: (any TokenDelivery)? = nil, logger: Logger = Logger(label: "tokentop.auth"),
        coalesceEventsAfter: Int = 256
    ) {
        self.coalesceAfter = coalesceEventsAfter
        self.client = client
        self.time = client.time
        self.policy = policy
        self.concurrency = max(1, concurrency)
        self.resultLog = resultLog
        self.delivery = delivery
        self.logger = logger
        self.rng = JitterRandom(seed: seed)
        self.seeds = seeds
        var slots = SlotTable(capacity: profiles.count)
        var order: [Int] = []
        var ids: [String: Int] = [:]
        var interner = ProfileLabels.Interner()
        for (id, profile) in profiles.enumerated() where ids[profile.name] == nil {
            slots[id] = ProfileSlot(profile: profile, labels: ProfileLabels(profile, interner: &interner))
            order.append(id)
            ids[profile.name] = id
        }
        self.slots = slots
        self.labelTexts = interner
        self.order = order
        self.idByName = ids
        self.nextSlotID = profiles.count
    }

    // MARK: Lifecycle

    /// Schedules the first fetch of every enabled profile, spread over `policy.startSpread`;
    /// a profile with a usable seed starts with it and is refreshed on schedule instead.
    public func start() {
        guard !started, !stopped else { return }
        started = true
        let now = time.now()
        for id in order {
            guard let slot = slots[id], slot.profile.enabled else { continue }
            if let seed = seeds[slot.profile.name], adopt(seed, slot: id, now: now) { continue }
            scheduleInitial(id, now: now)
        }
        seeds.removeAll()
        armTimer()
    }

    /// Offers a token for `name` before `start()` (same as passing it in `seeds`). Returns false
    /// when the service has already started or there is no such profile.
    @discardableResult
    public func adopt(_ token: IssuedToken, for name: String) -> Bool {
        guard !started, !stopped, idByName[name] != nil else { return false }
        seeds[name] = token
        return true
    }

    /// Stops timers, cancels requests in flight (their attempts are still logged), waits for the
    /// sink deliveries in progress (a sink is never left half-written; each is bounded by its
    /// hook's timeout), ends every event stream, and returns once nothing is running.
    public func shutdown() async {
        guard !stopped else { return }
        stopped = true
        timerTask?.cancel()
        timerTask = nil
        queue.removeAll()
        let tasks = Array(fetchTasks.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        // Completions above may have started deliveries; no new ones can start now.
        let pending = Array(deliveries.values)
        for task in pending { await task.value }
        for id in slots.ids { resumeWaiters(id, with: nil) }
        for (_, slot) in retired { for waiter in slot.waiters { waiter.resume(returning: nil) } }
        retired.removeAll()
        for follower in followers.values { follower.mailbox?.finish() }
        followers.removeAll()
    }

    // MARK: Queries

    public func snapshot() -> [ProfileStatus] {
        let now = time.now()
        var statuses: [ProfileStatus] = []
        statuses.reserveCapacity(order.count)
        for id in order {
            if let status = slots[id]?.status(at: now, margin: policy.expiryMargin) { statuses.append(status) }
        }
        return statuses
    }

    public func status(of name: String) -> ProfileStatus? {
        idByName[name].flatMap { slots[$0] }.map { $0.status(at: time.now(), margin: policy.expiryMargin) }
    }

    /// The profile's token while it is valid (not within the expiry margin), else nil.
    public func validToken(for name: String) -> IssuedToken? {
        guard let id = idByName[name], let token = slots[id]?.token,
            token.isValid(at: time.now(), margin: policy.expiryMargin)
        else { return nil }
        return token
    }

    public var profileNames: [String] { order.compactMap { slots[$0]?.profile.name } }

    /// The profiles as currently configured, in file order.
    public var profiles: [Profile] { order.compactMap { slots[$0]?.profile } }

    /// A new stream of events; any number of followers may listen at once. Every attempt,
    /// sink report and reload reaches each follower in order; a follower far behind (a start-up
    /// burst) gets only the newest status of each profile (see `EventMailbox`).
    public func events() -> AsyncStream<AuthEvent> {
        let mailbox = EventMailbox(coalesceAfter: coalesceAfter)
        if stopped {
            mailbox.finish()
        } else {
            followers[nextFollower] = WeakMailbox(mailbox: mailbox)
            nextFollower += 1
        }
        return mailbox.stream()
    }

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
        let id = try slotID(name)
        if slots[id]?.isBusy == false { enqueue(id, trigger: .manual, front: true) }
        return await withCheckedContinuation { continuation in
            if slots[id] != nil {
                slots[id]?.waiters.append(continuation)
            } else {
                continuation.resume(returning: nil)
            }
        }
    }

    /// Refreshes every enabled profile; `rejected` ones only when `includeRejected` (each try
    /// risks an account lockout). Returns the names that were skipped.
    @discardableResult
    public func refreshAll(includeRejected: Bool = false) async -> [String] {
        var skipped: [String] = []
        var names: [String] = []
        let now = time.now()
        for id in order {
            guard let slot = slots[id], slot.profile.enabled else { continue }
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
        let id = try slotID(name)
        guard slots[id]?.paused == false else { return }
        slots[id]?.paused = true
        slots[id]?.generation += 1
        slots[id]?.nextRefreshAt = nil
        publishStatus(id, force: true)
    }

    /// Resumes automatic refresh: schedules the next one as if the token had just arrived, or
    /// fetches now when there is no valid token.
    public func resume(_ name: String) throws(CommandError) {
        let id = try slotID(name)
        guard slots[id]?.paused == true else { return }
        slots[id]?.paused = false
        scheduleAfterPause(id)
        publishStatus(id, force: true)
    }

    public func togglePause(_ name: String) throws(CommandError) {
        let id = try slotID(name)
        if slots[id]?.paused == true { try resume(name) } else { try pause(name) }
    }

    private func slotID(_ name: String) throws(CommandError) -> Int {
        guard !stopped else { throw .stopped }
        guard let id = idByName[name], let slot = slots[id] else { throw .unknownProfile(name) }
        guard slot.profile.enabled else { throw .disabled(name) }
        return id
    }

    /// After a resume (or a re-enable): refresh on schedule with a valid token, else fetch now.
    private func scheduleAfterPause(_ id: Int) {
        guard let slot = slots[id] else { return }
        let now = time.now()
        if let token = slot.token, token.isValid(at: now, margin: policy.expiryMargin), slot.rejections == 0 {
            let due = max(now, policy.refreshTime(for: token, before: slot.profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        } else if slot.rejections == 0 && !slot.isBusy {
            enqueue(id, trigger: .scheduled, front: false)
        }
    }

    // MARK: Reload

    /// Replaces the profile set with `profiles` (a reloaded profiles file, already validated).
    ///
    /// A profile whose credentials (accessKey, secretKey, baseURL, headers) did not change keeps
    /// its token and schedule; its other settings are applied in place (rescheduled when
    /// `refresh.before` changed). Changed credentials drop the old token and fetch now. Removed
    /// profiles stop; a request of theirs in flight is still logged, its token dropped. Added
    /// profiles start from `seeds` when usable, else are fetched (spread like at start-up).
    @discardableResult
    public func reload(_ profiles: [Profile], seeds newSeeds: [String: IssuedToken] = [:]) -> ReloadSummary {
        guard !stopped else { return ReloadSummary(errors: [CommandError.stopped.description]) }
        let now = time.now()
        var summary = ReloadSummary()
        var newOrder: [Int] = []
        var newIDs: [String: Int] = [:]
        var fetchNow: [Int] = []
        var added: [Int] = []
        var touched: [Int] = []

        for profile in profiles where newIDs[profile.name] == nil {
            let name = profile.name
            if let id = idByName[name], let old = slots[id] {
                if old.profile.hasSameCredentials(as: profile) {
                    if old.profile == profile {
                        summary.unchanged.append(name)
                    } else {
                        summary.updated.append(name)
                        update(id, to: profile, now: now)
                        touched.append(id)
                    }
                    newOrder.append(id)
                    newIDs[name] = id
                    continue
                }
                retire(id)
                seeds[name] = nil
                let replacement = insertSlot(profile)
                summary.changed.append(name)
                fetchNow.append(replacement)
                newOrder.append(replacement)
                newIDs[name] = replacement
            } else {
                let id = insertSlot(profile)
                summary.added.append(name)
                added.append(id)
                newOrder.append(id)
                newIDs[name] = id
                if let seed = newSeeds[name] { seeds[name] = seed }
            }
        }
        for id in order {
            guard let slot = slots[id], newIDs[slot.profile.name] != id else { continue }
            if newIDs[slot.profile.name] == nil {
                summary.removed.append(slot.profile.name)
                seeds[slot.profile.name] = nil
            }
            retire(id)
        }
        order = newOrder
        idByName = newIDs

        if started {
            for id in fetchNow where slots[id]?.profile.enabled == true {
                enqueue(id, trigger: .initial, front: false)
            }
            for id in added {
                guard let slot = slots[id], slot.profile.enabled else { continue }
                if let seed = seeds.removeValue(forKey: slot.profile.name), adopt(seed, slot: id, now: now) { continue }
                scheduleInitial(id, now: now)
            }
            armTimer()
        }
        for id in added + fetchNow + touched { publishStatus(id, force: true) }
        logger.info("profiles reloaded: \(summary.description)")
        broadcast(.reloaded(summary))
        return summary
    }

    private func insertSlot(_ profile: Profile) -> Int {
        let id = nextSlotID
        nextSlotID += 1
        slots[id] = ProfileSlot(profile: profile, labels: ProfileLabels(profile, interner: &labelTexts))
        return id
    }

    /// Takes a slot out: its timers and queue entry are ignored from now on. A request in flight
    /// keeps the slot in `retired` until it completes (logged, its waiters answered).
    private func retire(_ id: Int) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        if case .running = slot.phase {
            retired[id] = slot
        } else {
            for waiter in slot.waiters { waiter.resume(returning: nil) }
        }
    }

    /// Applies new settings to a profile whose credentials did not change.
    private func update(_ id: Int, to profile: Profile, now: Date) {
        guard let old = slots[id]?.profile else { return }
        slots[id]?.profile = profile
        slots[id]?.labels = ProfileLabels(profile, interner: &labelTexts)
        guard started, let slot = slots[id] else { return }
        // A new or changed sink (or hook) gets the token it would otherwise see only at the next
        // refresh, possibly hours away.
        if profile.enabled, profile.sink != nil, profile.sink != old.sink || profile.onRefresh != old.onRefresh,
            let token = slot.token, token.isValid(at: now, margin: policy.expiryMargin)
        {
            deliver(token, for: profile)
        }
        if old.enabled && !profile.enabled {
            slots[id]?.generation += 1
            slots[id]?.nextRefreshAt = nil
            if case .queued = slot.phase {
                slots[id]?.phase = .idle
                resumeWaiters(id, with: nil)
            }
        } else if !old.enabled && profile.enabled {
            if !slot.paused { scheduleAfterPause(id) }
        } else if profile.enabled, profile.refresh.before != old.refresh.before, !slot.paused, !slot.isBusy,
            slot.transientFailures == 0, slot.rejections == 0, let token = slot.token,
            token.isValid(at: now, margin: policy.expiryMargin)
        {
            let due = max(now, policy.refreshTime(for: token, before: profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        }
    }

    // MARK: Scheduling

    private func scheduleInitial(_ id: Int, now: Date) {
        let spread = max(0, policy.startSpread.seconds)
        let due = now.addingTimeInterval(spread > 0 ? Double.random(in: 0...spread, using: &rng) : 0)
        guard let generation = slots[id]?.generation else { return }
        slots[id]?.nextRefreshAt = due
        timers.insert(RefreshTimer(due: due, slot: id, generation: generation, kind: .refresh(.initial)))
    }

    /// Starts a profile with `token` when it is valid past its refresh time (the latest point of
    /// the refresh window); the refresh is then scheduled as if the token had just arrived.
    private func adopt(_ token: IssuedToken, slot id: Int, now: Date) -> Bool {
        guard let profile = slots[id]?.profile else { return false }
        let lead = policy.lead(lifetime: token.lifetime, before: profile.refresh.before)
        guard token.isValid(at: now, margin: policy.expiryMargin), now < token.expiresAt.adding(.zero - lead) else {
            logger.info(
                "sink token too close to expiry to reuse; fetching a new one",
                metadata: ["profile": "\(profile.name)", "tokenFingerprint": "\(token.fingerprint)"])
            return false
        }
        slots[id]?.token = token
        slots[id]?.everHadToken = true
        // The token's own success, recorded in sinks.json: last-success metrics stay meaningful
        // across a restart.
        slots[id]?.lastSuccessAt = token.issuedAt
        timers.insert(
            RefreshTimer(due: token.expiresAt.adding(.zero - policy.expiryMargin), slot: id, generation: 0, kind: .expiry))
        let due = max(now, policy.refreshTime(for: token, before: profile.refresh.before, using: &rng))
        schedule(id, at: due, trigger: .scheduled)
        logger.info(
            "reusing the token from the sink",
            metadata: [
                "profile": "\(profile.name)", "tokenFingerprint": "\(token.fingerprint)",
                "expiresAt": "\(ISOTime.format(token.expiresAt))",
            ])
        return true
    }

    private func schedule(_ id: Int, at due: Date, trigger: AttemptTrigger) {
        guard let generation = slots[id]?.generation else { return }
        slots[id]?.generation = generation + 1
        slots[id]?.nextRefreshAt = due
        timers.insert(RefreshTimer(due: due, slot: id, generation: generation + 1, kind: .refresh(trigger)))
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
            let id = first.slot
            guard let slot = slots[id] else { continue }  // removed by a reload
            switch first.kind {
            case .refresh(let trigger):
                guard first.generation == slot.generation, !slot.paused, slot.profile.enabled else { continue }
                slots[id]?.nextRefreshAt = nil
                enqueue(id, trigger: trigger, front: false)
            case .expiry:
                publishStatus(id, force: false)
            }
        }
        armTimer()
    }

    // MARK: Requests

    private func enqueue(_ id: Int, trigger: AttemptTrigger, front: Bool) {
        guard !stopped, let slot = slots[id], !slot.isBusy else { return }
        slots[id]?.phase = .queued(trigger)
        if front { queue.prepend(id) } else { queue.append(id) }
        pump()
        publishStatus(id, force: false)
    }

    private func pump() {
        while running < concurrency, let id = queue.popFirst() {
            guard case .queued(let trigger)? = slots[id]?.phase else { continue }
            launch(id, trigger: trigger)
        }
    }

    private func launch(_ id: Int, trigger: AttemptTrigger) {
        guard var slot = slots[id] else { return }
        running += 1
        slot.phase = .running(trigger)
        slot.generation += 1
        slot.nextRefreshAt = nil
        slot.attempts += 1
        slot.streak += 1
        slots[id] = slot
        let attempt = slot.streak
        let profile = slot.profile
        let client = self.client
        broadcast(.attemptStarted(profile: profile.name, trigger: trigger, at: time.now()))
        fetchTasks[id] = Task { [weak self] in
            var result = await client.fetch(profile, trigger: trigger)
            result.record.attempt = attempt
            await self?.complete(id, profile: profile, result)
        }
    }

    private func complete(_ id: Int, profile requested: Profile, _ result: FetchResult) {
        running -= 1
        fetchTasks[id] = nil
        guard var slot = slots[id] else {
            completeRetired(id, profile: requested, result)
            return
        }
        slot.phase = .idle
        let now = time.now()
        let record = result.record
        slot.lastAttempt = record
        slots[id] = slot
        let active = !slot.paused && slot.profile.enabled

        switch record.outcome {
        case .success:
            if let token = result.token {
                slots[id]?.token = token
                slots[id]?.everHadToken = true
                slots[id]?.lastSuccessAt = now
                slots[id]?.transientFailures = 0
                slots[id]?.rejections = 0
                slots[id]?.streak = 0
                timers.insert(
                    RefreshTimer(
                        due: token.expiresAt.adding(.zero - policy.expiryMargin), slot: id, generation: 0, kind: .expiry))
                if active {
                    schedule(id, at: policy.refreshTime(for: token, before: slot.profile.refresh.before, using: &rng),
                        trigger: .scheduled)
                }
            }
        case .transient:
            let failures = slot.transientFailures + 1
            slots[id]?.transientFailures = failures
            if active {
                let due = policy.retryTime(
                    now: now, failures: failures, validToken: slot.token, retryAfter: record.retryAfter, using: &rng)
                schedule(id, at: due, trigger: .retry)
            }
        case .rejected:
            let rejections = slot.rejections + 1
            slots[id]?.transientFailures = 0
            slots[id]?.rejections = rejections
            // Some EnKash accounts lock after three failed attempts: one automatic retry at most.
            if rejections == 1 && active {
                schedule(id, at: policy.rejectionRetryTime(now: now, using: &rng), trigger: .retry)
            }
            logger.warning(
                "credentials refused",
                metadata: ["profile": "\(record.profile)", "httpStatus": "\(record.httpStatus.map(String.init) ?? "-")"])
        }
        if stopped { slots[id]?.nextRefreshAt = nil }

        let profile = slots[id]?.profile ?? slot.profile
        writeLog(record, profile: profile, nextRefreshAt: slots[id]?.nextRefreshAt)
        if record.outcome == .success, let token = result.token { deliver(token, for: profile) }
        broadcast(.attemptFinished(record))
        publishStatus(id, force: true)
        resumeWaiters(id, with: record)
        pump()
    }

    /// The request of a profile that a reload removed (or replaced) finished: log it, answer its
    /// waiters, keep nothing.
    private func completeRetired(_ id: Int, profile: Profile, _ result: FetchResult) {
        let waiters = retired.removeValue(forKey: id)?.waiters ?? []
        let record = result.record
        writeLog(record, profile: profile, nextRefreshAt: nil)
        logger.info(
            "dropping the result of a profile removed or changed by a reload",
            metadata: ["profile": "\(record.profile)", "outcome": "\(record.outcome.rawValue)"])
        broadcast(.attemptFinished(record))
        for waiter in waiters { waiter.resume(returning: record) }
        pump()
    }

    private func writeLog(_ record: AttemptRecord, profile: Profile, nextRefreshAt: Date?) {
        if let resultLog,
            !resultLog.append(
                ResultLogEntry(record: record, merchant: profile.merchant, host: profile.hostLabel, nextRefreshAt: nextRefreshAt))
        {
            logger.error("could not write to the result log", metadata: ["profile": "\(profile.name)"])
        }
        logger.debug(
            "attempt finished",
            metadata: [
                "profile": "\(record.profile)", "outcome": "\(record.outcome.rawValue)",
                "latencyMs": "\(Int(record.latency.seconds * 1000))",
            ])
    }

    private func resumeWaiters(_ id: Int, with record: AttemptRecord?) {
        guard let waiters = slots[id]?.waiters else { return }
        slots[id]?.waiters.removeAll()
        for waiter in waiters { waiter.resume(returning: record) }
    }

    // MARK: Delivery

    /// Hands `token` to the delivery after the deliveries before it for the same profile name.
    private func deliver(_ token: IssuedToken, for profile: Profile) {
        guard let delivery else { return }
        let name = profile.name
        let previous = deliveryTail[name]?.task
        let number = nextDelivery
        nextDelivery += 1
        let task = Task { [weak self] in
            await previous?.value
            let report = await delivery.deliver(token, for: profile)
            await self?.deliveryFinished(number, name: name, report: report)
        }
        deliveries[number] = task
        deliveryTail[name] = (number, task)
    }

    private func deliveryFinished(_ number: Int, name: String, report: SinkReport?) {
        deliveries[number] = nil
        if deliveryTail[name]?.id == number { deliveryTail[name] = nil }
        if let report { broadcast(.sinkWritten(report)) }
    }

    // MARK: Events

    private func publishStatus(_ id: Int, force: Bool) {
        guard let slot = slots[id] else { return }
        let status = slot.status(at: time.now(), margin: policy.expiryMargin)
        guard force || status.state != slot.lastState else { return }
        slots[id]?.lastState = status.state
        broadcast(.stateChanged(status))
    }

    private func broadcast(_ event: AuthEvent) {
        var gone: [Int] = []
        for (id, follower) in followers {
            guard let mailbox = follower.mailbox, mailbox.post(event) else {
                gone.append(id)
                continue
            }
        }
        for id in gone { followers[id] = nil }
    }
}

/// A follower's mailbox as the service holds it: the stream (its consumer) owns the mailbox.
private struct WeakMailbox {
    weak var mailbox: EventMailbox?
}
