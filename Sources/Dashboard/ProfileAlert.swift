import Foundation
import TokenModel

/// A profile that turned `expired`, `rejected` or `failing`, waiting in the header's banner
/// until the operator acknowledges it.
public struct ProfileAlert: Sendable, Equatable {
    public var name: String
    public var state: ProfileState
    /// When the dashboard saw the change (its clock, as the header shows it).
    public var since: Date

    public init(name: String, state: ProfileState, since: Date) {
        self.name = name
        self.state = state
        self.since = since
    }

    /// The states that ring the bell and raise the banner: the profile holds no usable token
    /// and will not get one by itself soon.
    public static func isAlarming(_ state: ProfileState) -> Bool {
        state == .expired || state == .rejected || state == .failing
    }

    /// States in which the profile holds a valid token again: it recovered, so turning bad
    /// again is a new change worth a bell.
    static func isRecovered(_ state: ProfileState) -> Bool {
        state == .valid || state == .refreshing || state == .stale
    }
}
