import Foundation
import TestFixtures

@testable import Refresh
@testable import TokenModel

/// Drives a `RefreshScheduler` the way `AuthService` does, on a hand-moved clock: inputs in,
/// action lists out.
struct SchedulerHarness {
    typealias Action = RefreshScheduler.Action

    var scheduler: RefreshScheduler
    var now = TestProfiles.origin
    /// Requests started and not finished yet: slot id by profile name.
    var inFlight: [String: (slot: Int, profile: Profile, trigger: AttemptTrigger, attempt: Int)] = [:]

    init(
        _ profiles: [Profile], concurrency: Int = 8, spread: Duration = .zero, seed: UInt64 = 7,
        seeds: [String: IssuedToken] = [:], sources: [String: RefreshSource] = [:]
    ) {
        var policy = RefreshPolicy()
        policy.startSpread = spread
        scheduler = RefreshScheduler(
            profiles: profiles, policy: policy, concurrency: concurrency, seed: seed, seeds: seeds, sources: sources)
    }

    @discardableResult
    mutating func send(_ input: RefreshScheduler.Input) -> [Action] {
        let actions = scheduler.handle(input)
        for case .startRequest(let slot, let profile, let trigger, let attempt) in actions {
            inFlight[profile.name] = (slot, profile, trigger, attempt)
        }
        return actions
    }

    @discardableResult
    mutating func start() -> [Action] { send(.start(now: now)) }

    /// Moves the clock to `date` and fires the timer there.
    @discardableResult
    mutating func fire(at date: Date) -> [Action] {
        now = date
        return send(.timerFired(now: now))
    }

    /// Moves the clock by `seconds` and fires the timer.
    @discardableResult
    mutating func fire(after seconds: Double) -> [Action] { fire(at: now.addingTimeInterval(seconds)) }

    /// Finishes `name`'s request in flight with `outcome` (a token of `lifetime` on success).
    @discardableResult
    mutating func finish(
        _ name: String, _ outcome: AttemptOutcome = .success, lifetime: Duration = .seconds(600),
        retryAfter: Duration? = nil, after seconds: Double = 0.1
    ) -> [Action] {
        guard let request = inFlight.removeValue(forKey: name) else { return [] }
        now = now.addingTimeInterval(seconds)
        let token =
            outcome == .success ? Self.token("\(name)-\(request.attempt)-\(now)", at: now, lifetime: lifetime) : nil
        var record = AttemptRecord(
            profile: name, trigger: request.trigger, startedAt: now.addingTimeInterval(-seconds), outcome: outcome,
            tokenFingerprint: token?.fingerprint, retryAfter: retryAfter)
        record.attempt = request.attempt
        if outcome == .rejected { record.httpStatus = 401 }
        return send(
            .attemptFinished(slot: request.slot, profile: request.profile, record: record, token: token, now: now))
    }

    static func token(_ value: String, at issued: Date, lifetime: Duration) -> IssuedToken {
        let expires = issued.adding(lifetime)
        return IssuedToken(
            value: SecretString(value), issuedAt: issued, serverExpiryMs: expires.epochMilliseconds, expiresAt: expires)
    }

    func status(_ name: String) -> ProfileStatus? { scheduler.status(of: name, at: now) }
}

extension Array where Element == RefreshScheduler.Action {
    /// Names of the profiles whose requests these actions start, in order.
    var requested: [String] {
        compactMap { if case .startRequest(_, let profile, _, _) = $0 { profile.name } else { nil } }
    }

    var requestTriggers: [AttemptTrigger] {
        compactMap { if case .startRequest(_, _, let trigger, _) = $0 { trigger } else { nil } }
    }

    var armedAt: Date? { compactMap { if case .armTimer(let at) = $0 { at } else { nil } }.last }

    var events: [AuthEvent] { compactMap { if case .publish(let event) = $0 { event } else { nil } } }

    /// The states published for `name`, in order.
    func states(_ name: String) -> [ProfileState] {
        events.compactMap { if case .stateChanged(let status) = $0, status.name == name { status.state } else { nil } }
    }

    var delivered: [String] { compactMap { if case .deliver(_, let profile) = $0 { profile.name } else { nil } } }

    var logMessages: [String] { compactMap { if case .log(let line) = $0 { line.message } else { nil } } }

    var answered: [[Int]] { compactMap { if case .answerWaiters(let ids, _) = $0 { ids } else { nil } } }

    /// The waiters refused because their profile is rejected and the refresh was not forced.
    var refused: [Int] { compactMap { if case .refuseRejected(let waiter, _) = $0 { waiter } else { nil } } }

    /// A name for each action, for comparing the order of what was done.
    var kinds: [String] {
        map {
            switch $0 {
            case .startRequest: "request"
            case .armTimer: "arm"
            case .disarmTimer: "disarm"
            case .writeLog: "log"
            case .deliver: "deliver"
            case .publish(.attemptStarted): "started"
            case .publish(.attemptFinished): "finished"
            case .publish(.stateChanged(let status)): "state:\(status.state.rawValue)"
            case .publish(.reloaded): "reloaded"
            case .publish(.sinkWritten): "sink"
            case .answerWaiters: "answer"
            case .refuseRejected: "refuse"
            case .log: "line"
            }
        }
    }
}
