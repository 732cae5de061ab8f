import Foundation
import TokenModel

extension RefreshScheduler {
    /// Everything that can happen to the scheduler. Each carries the time it happened at (where
    /// time matters): the scheduler reads no clock.
    public enum Input: Sendable, Equatable {
        /// Schedule the first fetch of every enabled local profile (spread over
        /// `policy.startSpread`), or adopt its seed.
        case start(now: Date)
        /// A token to start `profile` with instead of fetching; only before `start`.
        case seed(IssuedToken, profile: String)
        /// The timer armed by `Action.armTimer` went off (or its 60 s cap passed).
        case timerFired(now: Date)
        /// The request started by `Action.startRequest` for `slot` ended. `profile` is the one
        /// the request was sent for; `token` is set on success.
        case attemptFinished(slot: Int, profile: Profile, record: AttemptRecord, token: IssuedToken?, now: Date)
        /// An operator asked to refresh `profile` now; `waiter` is answered with the record of
        /// the attempt (a queued or running one is joined; within `policy.manualRefreshInterval`
        /// after the last attempt ended, that one), or nil. A `rejected` profile is refreshed
        /// only when `force` (each try is a failed login towards a lockout); else the waiter is
        /// refused (`Action.refuseRejected`).
        case manualRefresh(profile: String, waiter: Int, force: Bool = false, now: Date)
        case pause(profile: String, now: Date)
        case resume(profile: String, now: Date)
        /// A reloaded (validated) profiles file. `seeds` may start added profiles; `sources`
        /// names the profiles refreshed elsewhere (absent: `.local`).
        case reload(profiles: [Profile], seeds: [String: IssuedToken], sources: [String: RefreshSource], now: Date)
        /// A token for `profile` obtained somewhere else (another host of a fleet).
        case tokenArrived(IssuedToken, profile: String, now: Date)
        /// Stop scheduling: nothing new starts; requests in flight still finish (their
        /// `attemptFinished` is still handled).
        case stop
    }
}
