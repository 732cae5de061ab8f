import Foundation
import TokenModel

/// Which profiles the problems view (`!`) lists: every profile that is not `valid`, and a
/// valid one whose token is inside its refresh lead (still held when it should already have
/// been replaced). Two states are not problems: `refreshing` holds a good token while its
/// refresh is in flight (a problem only once inside the lead, like `valid`), and `disabled` is
/// the profiles file's choice, nothing to fix at run time.
public enum ProblemRule {
    public static func isProblem(_ profile: ProfileStatus, at now: Date) -> Bool {
        switch profile.state {
        case .disabled: false
        case .valid, .refreshing: profile.refreshLeadAt.map { now >= $0 } ?? false
        case .fetching, .stale, .expired, .failing, .rejected, .paused: true
        }
    }

    /// When `profile` turns into a problem with no new status (its token entering the lead), if
    /// that is after `now`: until then a count or list of problems made at `now` stays true.
    static func turnsProblem(_ profile: ProfileStatus, after now: Date) -> Date? {
        guard profile.state == .valid || profile.state == .refreshing, let lead = profile.refreshLeadAt, lead > now
        else {
            return nil
        }
        return lead
    }

    /// The problems among `profiles` at `now`, in their order, and until when that stays true.
    static func problems(in profiles: [ProfileStatus], at now: Date) -> (problems: [ProfileStatus], until: Date) {
        var until = Date.distantFuture
        var problems: [ProfileStatus] = []
        for profile in profiles {
            if isProblem(profile, at: now) { problems.append(profile) }
            if let change = turnsProblem(profile, after: now), change < until { until = change }
        }
        return (problems, until)
    }

    /// What the problems view says when it is empty: that nothing needs looking at, and why.
    static func noneMessage(total: Int, disabled: Int) -> String {
        let valid =
            disabled == 0
            ? "all \(total) profiles are valid"
            : "all \(total - disabled) enabled profiles are valid (\(disabled) disabled)"
        return "No problems: \(valid). ! shows all."
    }
}
