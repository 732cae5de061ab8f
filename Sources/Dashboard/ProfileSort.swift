import Foundation
import TokenModel

/// The order the profile table lists profiles in; `s` cycles through them. Every order is
/// stable: profiles that compare equal keep their order in the profiles file.
public enum ProfileSort: String, Sendable, Equatable, CaseIterable {
    /// As the profiles file lists them (the default).
    case file
    /// By name, case-insensitively.
    case name
    /// By state, problems first: rejected, expired, failing, stale, fetching, refreshing,
    /// paused, valid, disabled (`stateRank`).
    case state
    /// The soonest expiry first (an expired token's is in the past, so it leads); profiles
    /// holding no token last.
    case expiry
    /// By the last attempt's result code, numbers in numeric order before text codes; profiles
    /// with no result code last.
    case code
    /// By merchant, case-insensitively.
    case merchant

    /// The next order `s` switches to, wrapping round to file order.
    public var next: ProfileSort {
        let all = Self.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }

    /// How the header names this order.
    public var label: String {
        switch self {
        case .file: "file order"
        case .name: "name"
        case .state: "state"
        case .expiry: "expiry"
        case .code: "code"
        case .merchant: "merchant"
        }
    }

    /// Where a state sorts under `.state`: what needs the operator most comes first.
    public static let stateRank: [ProfileState: Int] = Dictionary(
        uniqueKeysWithValues: [
            ProfileState.rejected, .expired, .failing, .stale, .fetching, .refreshing, .paused, .valid, .disabled,
        ].enumerated().map { ($0.element, $0.offset) })

    /// `profiles` in this order; ties (and `.file`) keep file order. One sort of the list,
    /// with each profile's key computed once.
    public func sorted(_ profiles: [ProfileStatus]) -> [ProfileStatus] {
        guard self != .file else { return profiles }
        var keyed = profiles.indices.map { (key: key(profiles[$0]), index: $0) }
        keyed.sort { lhs, rhs in lhs.key == rhs.key ? lhs.index < rhs.index : lhs.key < rhs.key }
        return keyed.map { profiles[$0.index] }
    }

    /// A profile's sort key: a group (so "none" sorts last), a number and a text.
    private func key(_ profile: ProfileStatus) -> SortKey {
        switch self {
        case .file:
            return SortKey(group: 0, number: 0, text: "")
        case .name:
            return SortKey(group: 0, number: 0, text: profile.name.lowercased())
        case .merchant:
            return SortKey(group: 0, number: 0, text: profile.merchant.lowercased())
        case .state:
            return SortKey(group: 0, number: Double(Self.stateRank[profile.state] ?? Self.stateRank.count), text: "")
        case .expiry:
            guard let expiresAt = profile.expiresAt else { return SortKey(group: 1, number: 0, text: "") }
            return SortKey(group: 0, number: expiresAt.timeIntervalSinceReferenceDate, text: "")
        case .code:
            switch profile.lastAttempt?.resultCode {
            case .number(let value): return SortKey(group: 0, number: Double(value), text: "")
            case .text(let text):
                if let value = Int64(text.trimmingCharacters(in: .whitespaces)) {
                    return SortKey(group: 0, number: Double(value), text: "")
                }
                return SortKey(group: 1, number: 0, text: text)
            case nil: return SortKey(group: 2, number: 0, text: "")
            }
        }
    }
}
