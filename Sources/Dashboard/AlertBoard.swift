import Foundation
import TokenModel

/// Decides when a profile's change of state rings the bell and raises the header's banner. Pure:
/// `update` feeds it the status changes it sees, with the dashboard's clock.
///
/// A profile rings once per change into `expired`, `rejected` or `failing`: while it retries
/// (`failing`, `fetching`, `failing`, …) or sits there, it does not ring again; once it holds a
/// valid token again it has recovered, and turning bad after that rings again. Profiles that are
/// already bad when the dashboard opens do not ring (see `init(known:)` and `listCurrent`).
public struct AlertBoard: Sendable, Equatable {
    /// Alerts not yet acknowledged, oldest first, at most one per profile (its latest change).
    public private(set) var pending: [ProfileAlert] = []
    /// The alarming state each profile was last alerted (or known) in; dropped on recovery.
    private var alerted: [String: ProfileState] = [:]

    public init() {}

    /// Knows the profiles already bad when the dashboard opens, so they do not ring as they
    /// retry; the banner stays empty until `listCurrent`.
    public init(known profiles: [ProfileStatus]) {
        for profile in profiles where ProfileAlert.isAlarming(profile.state) {
            alerted[profile.name] = profile.state
        }
    }

    /// Whether the banner has anything to say.
    public var isEmpty: Bool { pending.isEmpty }

    /// `status` is the profile's new state; true when this change should ring the bell.
    public mutating func observe(_ status: ProfileStatus, at date: Date) -> Bool {
        if ProfileAlert.isRecovered(status.state) {
            alerted[status.name] = nil
            return false
        }
        guard ProfileAlert.isAlarming(status.state), alerted[status.name] != status.state else { return false }
        alerted[status.name] = status.state
        pending.removeAll { $0.name == status.name }
        pending.append(ProfileAlert(name: status.name, state: status.state, since: date))
        return true
    }

    /// A new full list of profiles: each one observed, and the profiles no longer in it
    /// forgotten. True when any of them should ring.
    public mutating func observe(all profiles: [ProfileStatus], at date: Date) -> Bool {
        forget(Set(alerted.keys).subtracting(profiles.map(\.name)))
        var ring = false
        for profile in profiles where observe(profile, at: date) { ring = true }
        return ring
    }

    /// An event from the auth service: a state change is observed, a reload forgets the
    /// profiles it removed. True when the bell should ring.
    public mutating func observe(_ event: AuthEvent, at date: Date) -> Bool {
        switch event {
        case .stateChanged(let status): return observe(status, at: date)
        case .reloaded(let summary):
            forget(Set(summary.removed))
            return false
        case .attemptStarted, .attemptFinished, .sinkWritten: return false
        }
    }

    /// Lists in the banner the profiles bad right now, without a bell: what an operator opening
    /// the dashboard (or attaching to a daemon) should look at first.
    public mutating func listCurrent(_ profiles: [ProfileStatus], at date: Date) {
        for profile in profiles where ProfileAlert.isAlarming(profile.state) {
            alerted[profile.name] = profile.state
            guard !pending.contains(where: { $0.name == profile.name }) else { continue }
            pending.append(ProfileAlert(name: profile.name, state: profile.state, since: date))
        }
    }

    /// The operator has seen them: the banner clears. A profile still bad does not ring again
    /// until it recovers and turns bad once more.
    public mutating func acknowledge() {
        pending = []
    }

    /// Profiles that no longer exist (removed by a reload).
    public mutating func forget(_ names: Set<String>) {
        guard !names.isEmpty else { return }
        pending.removeAll { names.contains($0.name) }
        for name in names { alerted[name] = nil }
    }
}
