import Foundation
import TokenModel

extension RefreshScheduler {
    /// What the scheduler asks its owner to do, in the order given.
    public enum Action: Sendable, Equatable {
        /// Send a token request for the profile in `slot`; answer with `Input.attemptFinished`
        /// (the record's `attempt` set to `attempt`).
        case startRequest(slot: Int, profile: Profile, trigger: AttemptTrigger, attempt: Int)
        /// Feed `Input.timerFired` at `at` (or sooner); replaces any timer armed before.
        case armTimer(at: Date)
        /// No wake-up is needed any more.
        case disarmTimer
        /// Append the attempt's line to the result log.
        case writeLog(AttemptRecord, profile: Profile, nextRefreshAt: Date?)
        /// Hand a new token to the profile's sink, after the deliveries before it for the same
        /// profile name.
        case deliver(IssuedToken, profile: Profile)
        /// Tell every follower.
        case publish(AuthEvent)
        /// Answer these manual refreshes.
        case answerWaiters([Int], AttemptRecord?)
        /// Refuse this manual refresh: `profile` is `rejected` and the refresh was not forced.
        case refuseRejected(waiter: Int, profile: String)
        /// Write a line to the operator's log.
        case log(LogLine)
    }
}
