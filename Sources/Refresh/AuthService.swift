import DequeModule
import Foundation
import Logging
import TokenModel

/// Owns every profile's token and keeps it fresh: the actor around `RefreshScheduler`.
///
/// The scheduler decides; this actor feeds it inputs (commands, finished requests, timer
/// wake-ups, each stamped with the injected `TimeSource`) and performs the actions it returns:
/// token requests, result-log lines, sink deliveries, one timer, follower mailboxes and the
/// continuations of waiting manual refreshes. Every finished attempt is written to the result log
/// before any follower hears of it, and every new token is then handed to the `TokenDelivery`
/// (sinks), in order per profile.
///
/// Every task it starts is a child of `run()`'s task group (see `AuthService+Run.swift`);
/// `start()` is the one place that starts `run()` in a task of its own.
public actor AuthService {
    let client: any TokenFetcher
    let time: TimeSource
    let resultLog: (any AttemptLog)?
    let delivery: (any TokenDelivery)?
    let logger: Logger
    var scheduler: RefreshScheduler

    /// Work for `run()`'s task group, in the order it was asked for.
    let jobs: AsyncStream<Job>
    let jobSink: AsyncStream<Job>.Continuation
    /// Fired by `requestStop()`: cancels the requests in flight.
    let stopSignal = CancelSignal()
    /// The armed timer's cancel signal and number; nil when none is armed.
    var timer: (signal: CancelSignal, number: Int)?
    var timerNumber = 0
    var fetchesInFlight = 0
    /// Tokens waiting for their sink, per profile name; a name is present while its delivery
    /// child runs (one per name, so deliveries for a profile never overlap and keep their order).
    var deliveryQueues: [String: Deque<(token: IssuedToken, profile: Profile)>] = [:]
    /// Profile names whose delivery child runs (or is about to): a name in `deliveryQueues` but
    /// not here has tokens waiting for a child that the stop must still start.
    var deliveriesRunning: Set<String> = []
    /// `run()` waiting, at the stop, for the last requests to end.
    var fetchesEndWaiters: [CheckedContinuation<Void, Never>] = []
    var waiters: [Int: CheckedContinuation<Result<AttemptRecord?, CommandError>, Never>] = [:]
    var nextWaiter = 0
    /// Each follower's mailbox, held weakly: a stream its consumer dropped frees its mailbox.
    var followers: [Int: WeakMailbox] = [:]
    var nextFollower = 0
    /// Pending events per follower before statuses are coalesced (see `EventMailbox`).
    let coalesceAfter: Int
    var runPhase = RunPhase.idle
    /// Callers of `shutdown()` or a second `run()` waiting for the first `run()` to end.
    var runEndWaiters: [CheckedContinuation<Void, Never>] = []
    /// The task `start()` runs `run()` in.
    var runTask: Task<Void, Never>?
    /// How often the timer woke up; tests use it to prove idle profiles cost no work.
    var timerWakeups = 0

    enum RunPhase {
        case idle, running, finished
    }

    /// - Parameters:
    ///   - client: sends the token requests; its `time` is the clock everything is scheduled on.
    ///   - seed: seeds the schedule's jitter (tests).
    ///   - seeds: tokens to start with, by profile name (see `SinkReuse`): a seed still valid past
    ///     its refresh time replaces the profile's initial fetch.
    ///   - delivery: receives every new token after its result-log line (sinks).
    ///   - sources: profiles whose tokens are refreshed elsewhere and arrive through
    ///     `receive(_:for:)` (absent: refreshed here).
    public init(
        profiles: [Profile], client: any TokenFetcher, concurrency: Int = 8, policy: RefreshPolicy = RefreshPolicy(),
        resultLog: (any AttemptLog)? = nil, seed: UInt64? = nil, seeds: [String: IssuedToken] = [:],
        delivery: (any TokenDelivery)? = nil, logger: Logger = Logger(label: "tokentop.auth"),
        coalesceEventsAfter: Int = 256, sources: [String: RefreshSource] = [:]
    ) {
        self.client = client
        self.time = client.time
        self.resultLog = resultLog
        self.delivery = delivery
        self.logger = logger
        self.coalesceAfter = coalesceEventsAfter
        self.scheduler = RefreshScheduler(
            profiles: profiles, policy: policy, concurrency: concurrency, seed: seed, seeds: seeds, sources: sources)
        let (jobs, jobSink) = AsyncStream.makeStream(of: Job.self)
        self.jobs = jobs
        self.jobSink = jobSink
    }

    /// True once a stop was requested: commands are refused from then on.
    var stopping: Bool { stopSignal.isFired }

    /// Offers a token for `name` before `start()` (same as passing it in `seeds`). Returns false
    /// when the service has already started or there is no such profile.
    @discardableResult
    public func adopt(_ token: IssuedToken, for name: String) -> Bool {
        guard !stopping, scheduler.canAdopt(name) else { return false }
        feed(.seed(token, profile: name))
        return true
    }

    // MARK: Queries

    public func snapshot() -> [ProfileStatus] { scheduler.snapshot(at: time.now()) }

    public func status(of name: String) -> ProfileStatus? { scheduler.status(of: name, at: time.now()) }

    /// The profile's token while it is valid (not within the expiry margin), else nil.
    public func validToken(for name: String) -> IssuedToken? { scheduler.validToken(for: name, at: time.now()) }

    public var profileNames: [String] { scheduler.profileNames }

    /// The profiles as currently configured, in file order.
    public var profiles: [Profile] { scheduler.profiles }

    /// A new stream of events; any number of followers may listen at once. Every attempt,
    /// sink report and reload reaches each follower in order; a follower far behind (a start-up
    /// burst) gets only the newest status of each profile (see `EventMailbox`).
    public func events() -> AsyncStream<AuthEvent> {
        let mailbox = EventMailbox(coalesceAfter: coalesceAfter)
        if stopping || runPhase == .finished {
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
        /// A manual refresh of a `rejected` profile that was not forced.
        case rejected(String)

        public var description: String {
            switch self {
            case .unknownProfile(let name): "no profile named '\(name)'"
            case .disabled(let name): "profile '\(name)' is disabled in the profiles file"
            case .stopped: "the auth service has stopped"
            case .rejected(let name):
                "not refreshing '\(name)': it is rejected (EnKash refused its credentials), and each attempt counts as "
                    + "a failed login towards the merchant account's lockout; fix the credentials and reload, or refresh "
                    + "with force to try anyway (socket: {\"type\":\"refresh\",\"profile\":\"\(name)\",\"force\":true}; "
                    + "dashboard: r, then y)"
            }
        }
    }

    /// Refreshes one profile now and returns the attempt's record. If a request for it is
    /// already queued or in flight, waits for that one instead of sending another; soon after
    /// its last attempt (`RefreshPolicy.manualRefreshInterval`) returns that one's record. A
    /// `rejected` profile is refreshed only when `force` (else `CommandError.rejected`). Nil
    /// when the service stops first, or at once for a profile refreshed elsewhere.
    @discardableResult
    public func refresh(_ name: String, force: Bool = false) async throws(CommandError) -> AttemptRecord? {
        try await refreshAnswer(name, force: force)?.record
    }

    /// `refresh`, saying also whether the record is the last attempt's, reused within the
    /// manual rate limit: so it is when the scheduler answered the refresh at once, within the
    /// input that asked for it, neither sending nor joining a request.
    public func refreshAnswer(_ name: String, force: Bool = false) async throws(CommandError) -> RefreshAnswer? {
        try check(name)
        let waiter = nextWaiter
        nextWaiter += 1
        var answeredAtOnce = false
        let result = await withCheckedContinuation { continuation in
            waiters[waiter] = continuation
            feed(.manualRefresh(profile: name, waiter: waiter, force: force, now: time.now()))
            answeredAtOnce = waiters[waiter] == nil
        }
        guard let record = try result.get() else { return nil }
        return RefreshAnswer(
            record: record, reusedWithin: answeredAtOnce ? scheduler.policy.manualRefreshInterval : nil)
    }

    /// Refreshes every enabled profile; `rejected` ones only when `includeRejected` (each try
    /// risks an account lockout; asking for them forces them). Returns the names that were
    /// skipped.
    @discardableResult
    public func refreshAll(includeRejected: Bool = false) async -> [String] {
        let targets = scheduler.refreshAllTargets(includeRejected: includeRejected, at: time.now())
        await withTaskGroup(of: Void.self) { group in
            for name in targets.refresh { group.addTask { _ = try? await self.refresh(name, force: includeRejected) } }
        }
        return targets.skipped
    }

    /// Stops automatic refresh for a profile; its token is kept and still expires.
    public func pause(_ name: String) throws(CommandError) {
        try check(name)
        feed(.pause(profile: name, now: time.now()))
    }

    /// Resumes automatic refresh: schedules the next one as if the token had just arrived, or
    /// fetches now when there is no valid token.
    public func resume(_ name: String) throws(CommandError) {
        try check(name)
        feed(.resume(profile: name, now: time.now()))
    }

    public func togglePause(_ name: String) throws(CommandError) {
        try check(name)
        if scheduler.status(of: name, at: time.now())?.paused == true { try resume(name) } else { try pause(name) }
    }

    private func check(_ name: String) throws(CommandError) {
        guard !stopping, runPhase != .finished else { throw .stopped }
        guard let profile = scheduler.profile(named: name) else { throw .unknownProfile(name) }
        guard profile.enabled else { throw .disabled(name) }
    }

    /// Replaces the profile set with `profiles` (a reloaded profiles file, already validated).
    ///
    /// A profile whose credentials (accessKey, secretKey, baseURL, headers) did not change keeps
    /// its token and schedule; its other settings are applied in place (rescheduled when
    /// `refresh.before` changed). Changed credentials drop the old token and fetch now. Removed
    /// profiles stop; a request of theirs in flight is still logged, its token dropped. Added
    /// profiles start from `seeds` when usable, else are fetched (spread like at start-up).
    /// `sources` names the profiles refreshed elsewhere (absent: refreshed here).
    @discardableResult
    public func reload(
        _ profiles: [Profile], seeds: [String: IssuedToken] = [:], sources: [String: RefreshSource] = [:]
    ) -> ReloadSummary {
        guard !stopping, runPhase != .finished else { return ReloadSummary(errors: [CommandError.stopped.description]) }
        let actions = scheduler.handle(.reload(profiles: profiles, seeds: seeds, sources: sources, now: time.now()))
        perform(actions)
        for case .publish(.reloaded(let summary)) in actions { return summary }
        return ReloadSummary()
    }

    /// Installs a token for `name` obtained elsewhere (another host of a fleet) when it outlives
    /// the one held: followers and the sink get it; see `RefreshScheduler.Input.tokenArrived`.
    public func receive(_ token: IssuedToken, for name: String) {
        guard !stopping, runPhase != .finished else { return }
        feed(.tokenArrived(token, profile: name, now: time.now()))
    }
}
