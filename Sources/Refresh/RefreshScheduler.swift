import DequeModule
import Foundation
import HeapModule
import TokenModel

/// Every decision about keeping profiles' tokens fresh, as a value: inputs in, actions out.
///
/// `handle(_:)` is the one entry point. It reads no clock (every input carries its time), starts
/// no task and awaits nothing; the owner (`AuthService`) performs the actions it returns: sends
/// requests, arms the one timer, writes result-log lines, delivers tokens to sinks, tells
/// followers and answers waiting manual refreshes.
///
/// What it decides: the initial spread, the refresh window and its jitter, backoff and
/// `Retry-After`, the tokenless ceiling (all through `RefreshPolicy` and a `JitterRandom` it
/// owns), the lockout guard (one automatic retry after a first rejection), single flight (a manual
/// refresh joins the request queued or in flight), the concurrency queue (a manual refresh goes to
/// the front), the manual rate limit (one request per profile per `manualRefreshInterval`; a
/// `rejected` profile only when forced), pause and resume, enable and disable, reload diffing, seeds, expiry wake-ups, and
/// which events followers are told.
///
/// One timer heap for all profiles: the owner sleeps until the earliest due time, so 10,000 idle
/// profiles cost nothing between refreshes. Profiles live in slots with stable ids that are never
/// reused: after a reload, timers, queue entries and completions of a removed or replaced profile
/// find no slot and are dropped.
public struct RefreshScheduler: Sendable {
    public let policy: RefreshPolicy
    /// At most this many requests in flight at once.
    public let concurrency: Int
    var rng: JitterRandom

    var slots: SlotTable
    /// Shares the texts statuses show (base URL, host) between profiles.
    var labelTexts: ProfileLabels.Interner
    /// Slot ids in the order of the profiles file.
    var order: [Int]
    var idByName: [String: Int]
    var nextSlotID: Int
    /// Slots a reload removed while their request was in flight: the completion is still logged
    /// and its waiters answered, then the slot is gone.
    var retired: [Int: ProfileSlot] = [:]
    /// Tokens to start with instead of fetching (from sinks), used by `.start`.
    var seeds: [String: IssuedToken]
    var timers = Heap<RefreshTimer>()
    /// The due time of the timer the owner was last asked to arm; nil when none is armed.
    var armedDue: Date?
    var queue = Deque<Int>()
    var running = 0
    public private(set) var started = false
    public private(set) var stopped = false
    /// The actions of the input being handled.
    private var actions: [Action] = []

    /// - Parameters:
    ///   - seed: seeds the jitter (tests); nil draws from the system generator.
    ///   - seeds: tokens to start with, by profile name: a seed still valid past its refresh time
    ///     replaces the profile's initial fetch.
    ///   - sources: profiles refreshed elsewhere (absent: `.local`).
    public init(
        profiles: [Profile], policy: RefreshPolicy = RefreshPolicy(), concurrency: Int = 8, seed: UInt64? = nil,
        seeds: [String: IssuedToken] = [:], sources: [String: RefreshSource] = [:]
    ) {
        self.policy = policy
        self.concurrency = max(1, concurrency)
        self.rng = JitterRandom(seed: seed)
        self.seeds = seeds
        var slots = SlotTable(capacity: profiles.count)
        var order: [Int] = []
        var ids: [String: Int] = [:]
        var interner = ProfileLabels.Interner()
        for (id, profile) in profiles.enumerated() where ids[profile.name] == nil {
            var slot = ProfileSlot(profile: profile, labels: ProfileLabels(profile, interner: &interner))
            slot.source = sources[profile.name] ?? .local
            slots[id] = slot
            order.append(id)
            ids[profile.name] = id
        }
        self.slots = slots
        self.labelTexts = interner
        self.order = order
        self.idByName = ids
        self.nextSlotID = profiles.count
    }

    /// Applies `input` and returns what the owner must do, in order.
    public mutating func handle(_ input: Input) -> [Action] {
        switch input {
        case .start(let now): start(now: now)
        case .seed(let token, let name): if canAdopt(name) { seeds[name] = token }
        case .timerFired(let now): timerFired(now: now)
        case .attemptFinished(let id, let profile, let record, let token, let now):
            complete(id, profile: profile, record: record, token: token, now: now)
        case .manualRefresh(let name, let waiter, let force, let now):
            manualRefresh(name, waiter: waiter, force: force, now: now)
        case .pause(let name, let now): pause(name, now: now)
        case .resume(let name, let now): resume(name, now: now)
        case .reload(let profiles, let seeds, let sources, let now):
            reload(profiles, seeds: seeds, sources: sources, now: now)
        case .tokenArrived(let token, let name, let now): tokenArrived(token, for: name, now: now)
        case .stop: stop()
        }
        defer { actions.removeAll() }
        return actions
    }

    mutating func emit(_ action: Action) { actions.append(action) }

    // MARK: Start and stop

    private mutating func start(now: Date) {
        guard !started, !stopped else { return }
        started = true
        for id in order {
            guard let slot = slots[id], slot.profile.enabled else { continue }
            if let seed = seeds[slot.profile.name], adopt(seed, slot: id, now: now) { continue }
            if slot.source == .local { scheduleInitial(id, now: now) }
        }
        seeds.removeAll()
        armTimer()
    }

    private mutating func stop() {
        guard !stopped else { return }
        stopped = true
        queue.removeAll()
        for id in slots.ids {
            guard case .queued? = slots[id]?.phase else { continue }
            answerWaiters(id, with: nil)
        }
        armTimer()
    }

    // MARK: Scheduling

    mutating func scheduleInitial(_ id: Int, now: Date) {
        let spread = max(0, policy.startSpread.seconds)
        let due = now.addingTimeInterval(spread > 0 ? Double.random(in: 0...spread, using: &rng) : 0)
        guard let generation = slots[id]?.generation else { return }
        slots[id]?.nextRefreshAt = due
        timers.insert(RefreshTimer(due: due, slot: id, generation: generation, kind: .refresh(.initial)))
    }

    /// Starts a profile with `token` when it is valid past its refresh time (the latest point of
    /// the refresh window); a local profile's refresh is then scheduled as if the token had just
    /// arrived.
    mutating func adopt(_ token: IssuedToken, slot id: Int, now: Date) -> Bool {
        guard let slot = slots[id] else { return false }
        let profile = slot.profile
        let lead = policy.lead(lifetime: token.lifetime, before: profile.refresh.before)
        guard token.isValid(at: now, margin: policy.expiryMargin), now < token.expiresAt.adding(.zero - lead) else {
            emit(
                .log(
                    LogLine(
                        .info, "sink token too close to expiry to reuse; fetching a new one",
                        metadata: ["profile": profile.name, "tokenFingerprint": token.fingerprint])))
            return false
        }
        installToken(token, slot: id)
        if slot.source == .local {
            let due = max(now, policy.refreshTime(for: token, before: profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        }
        emit(
            .log(
                LogLine(
                    .info, "reusing the token from the sink",
                    metadata: [
                        "profile": profile.name, "tokenFingerprint": token.fingerprint,
                        "expiresAt": ISOTime.format(token.expiresAt),
                    ])))
        return true
    }

    /// Holds `token` (issued elsewhere: a sink or another host) and wakes up when it crosses its
    /// expiry margin. The token's own issue time counts as the last success.
    mutating func installToken(_ token: IssuedToken, slot id: Int) {
        slots[id]?.token = token
        slots[id]?.everHadToken = true
        slots[id]?.lastSuccessAt = token.issuedAt
        timers.insert(
            RefreshTimer(
                due: token.expiresAt.adding(.zero - policy.expiryMargin), slot: id, generation: 0, kind: .expiry))
    }

    mutating func schedule(_ id: Int, at due: Date, trigger: AttemptTrigger) {
        guard let generation = slots[id]?.generation else { return }
        slots[id]?.generation = generation + 1
        slots[id]?.nextRefreshAt = due
        timers.insert(RefreshTimer(due: due, slot: id, generation: generation + 1, kind: .refresh(trigger)))
        armTimer()
    }

    /// Asks for a wake-up at the earliest timer, unless one at least as early is armed. The
    /// owner caps each sleep (60 s) so wall-clock jumps are noticed.
    mutating func armTimer() {
        guard !stopped, let first = timers.min else {
            if armedDue != nil {
                armedDue = nil
                emit(.disarmTimer)
            }
            return
        }
        if let armed = armedDue, armed <= first.due { return }
        armedDue = first.due
        emit(.armTimer(at: first.due))
    }

    private mutating func timerFired(now wokeAt: Date) {
        armedDue = nil
        guard !stopped else { return }
        // A millisecond of tolerance absorbs rounding between the clock and wall time.
        let now = wokeAt.addingTimeInterval(0.001)
        while let first = timers.min, first.due <= now {
            timers.removeMin()
            let id = first.slot
            guard let slot = slots[id] else { continue }  // removed by a reload
            switch first.kind {
            case .refresh(let trigger):
                guard first.generation == slot.generation, !slot.paused, slot.profile.enabled else { continue }
                slots[id]?.nextRefreshAt = nil
                enqueue(id, trigger: trigger, front: false, now: wokeAt)
            case .expiry:
                publishStatus(id, force: false, now: wokeAt)
            }
        }
        armTimer()
    }

    // MARK: Requests

    mutating func enqueue(_ id: Int, trigger: AttemptTrigger, front: Bool, now: Date) {
        guard !stopped, let slot = slots[id], !slot.isBusy, slot.source == .local else { return }
        slots[id]?.phase = .queued(trigger)
        if front { queue.prepend(id) } else { queue.append(id) }
        pump(now: now)
        publishStatus(id, force: false, now: now)
    }

    mutating func pump(now: Date) {
        while running < concurrency, let id = queue.popFirst() {
            guard case .queued(let trigger)? = slots[id]?.phase else { continue }
            launch(id, trigger: trigger, now: now)
        }
    }

    private mutating func launch(_ id: Int, trigger: AttemptTrigger, now: Date) {
        guard var slot = slots[id] else { return }
        running += 1
        slot.phase = .running(trigger)
        slot.generation += 1
        slot.nextRefreshAt = nil
        slot.attempts += 1
        slot.streak += 1
        slots[id] = slot
        emit(.publish(.attemptStarted(profile: slot.profile.name, trigger: trigger, at: now)))
        emit(.startRequest(slot: id, profile: slot.profile, trigger: trigger, attempt: slot.streak))
    }

    mutating func answerWaiters(_ id: Int, with record: AttemptRecord?) {
        guard let waiters = slots[id]?.waiters, !waiters.isEmpty else { return }
        slots[id]?.waiters.removeAll()
        emit(.answerWaiters(waiters, record))
    }

    // MARK: Events

    /// Tells followers the profile's status: always when `force`, else only when its state changed.
    mutating func publishStatus(_ id: Int, force: Bool, now: Date) {
        guard let slot = slots[id] else { return }
        let status = slot.status(at: now, policy: policy)
        guard force || status.state != slot.lastState else { return }
        slots[id]?.lastState = status.state
        emit(.publish(.stateChanged(status)))
    }
}
