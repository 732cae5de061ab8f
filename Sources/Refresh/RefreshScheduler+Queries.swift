import Foundation
import TokenModel

/// What the scheduler knows, read at a given time; none of these change it.
extension RefreshScheduler {
    public func snapshot(at now: Date) -> [ProfileStatus] {
        var statuses: [ProfileStatus] = []
        statuses.reserveCapacity(order.count)
        for id in order {
            if let status = slots[id]?.status(at: now, policy: policy) { statuses.append(status) }
        }
        return statuses
    }

    public func status(of name: String, at now: Date) -> ProfileStatus? {
        idByName[name].flatMap { slots[$0] }.map { $0.status(at: now, policy: policy) }
    }

    /// The profile's token while it is valid (not within the expiry margin), else nil.
    public func validToken(for name: String, at now: Date) -> IssuedToken? {
        guard let id = idByName[name], let token = slots[id]?.token, token.isValid(at: now, margin: policy.expiryMargin)
        else { return nil }
        return token
    }

    public var profileNames: [String] { order.compactMap { slots[$0]?.profile.name } }

    /// The profiles as currently configured, in file order.
    public var profiles: [Profile] { order.compactMap { slots[$0]?.profile } }

    /// The profile named `name`, as currently configured.
    public func profile(named name: String) -> Profile? { idByName[name].flatMap { slots[$0]?.profile } }

    public func source(of name: String) -> RefreshSource? { idByName[name].flatMap { slots[$0]?.source } }

    /// Whether `.seed` for `name` would be taken: only before start, for a known profile.
    public func canAdopt(_ name: String) -> Bool { !started && !stopped && idByName[name] != nil }

    /// Which profiles a "refresh all" asks for: every enabled local one, but `rejected` ones only
    /// when `includeRejected` (each try risks an account lockout); those are `skipped`.
    public func refreshAllTargets(includeRejected: Bool, at now: Date) -> (refresh: [String], skipped: [String]) {
        var skipped: [String] = []
        var names: [String] = []
        for id in order {
            guard let slot = slots[id], slot.profile.enabled, slot.source == .local else { continue }
            // A paused profile whose credentials were refused counts as rejected too.
            if !includeRejected && slot.rejections > 0 {
                skipped.append(slot.profile.name)
            } else {
                names.append(slot.profile.name)
            }
        }
        return (names, skipped)
    }

    /// Requests in flight, retired profiles' included.
    public var requestsInFlight: Int { running }
}
