import Foundation
import TokenModel

extension AuthService {
    /// Work `run()` turns into a child task of its group (or, for `stop`, begins the orderly stop).
    enum Job: Sendable {
        /// Send one token request; it races `stopSignal`.
        case fetch(slot: Int, profile: Profile, trigger: AttemptTrigger, attempt: Int)
        /// Sleep until `due` (at most 60 s at a time), unless `signal` fires first.
        case timer(due: Date, number: Int, signal: CancelSignal)
        /// Deliver the tokens queued for a profile name, one after another.
        case deliveries(name: String)
        /// Begin the orderly stop.
        case stop
        /// Nothing to start: wakes `run()` to see whether the stop can finish.
        case check
    }
}
