import Foundation
import TokenModel

/// A pending wake-up in the refresh scheduler's timer heap.
struct RefreshTimer: Comparable, Sendable {
    enum Kind: Sendable {
        /// Start a request (if `generation` still matches the profile's).
        case refresh(AttemptTrigger)
        /// Re-derive the state: the token crosses its expiry margin now.
        case expiry
    }

    var due: Date
    /// The stable id of the profile slot (not an index: ids survive a reload).
    var slot: Int
    var generation: Int
    var kind: Kind

    static func < (lhs: RefreshTimer, rhs: RefreshTimer) -> Bool { lhs.due < rhs.due }
    static func == (lhs: RefreshTimer, rhs: RefreshTimer) -> Bool {
        lhs.due == rhs.due && lhs.slot == rhs.slot && lhs.generation == rhs.generation
    }
}
