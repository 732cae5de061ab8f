/// A question the dashboard asks before doing something risky; `y` confirms, `n` or `Esc` cancels.
public enum Confirmation: Sendable, Equatable {
    /// Refresh every enabled profile at once.
    /// `count` profiles get a request; `rejected` enabled ones are skipped (each try would count
    /// towards their lockout).
    case refreshAll(count: Int, rejected: Int = 0)
    /// Manually refresh a profile whose credentials EnKash refused.
    case refreshRejected(String)
    /// Copy a profile's token (or its `Authorization: Bearer` header) to the clipboard.
    case copyToken(profile: String, fingerprint: String, header: Bool)

    /// The question's title.
    public var title: String {
        switch self {
        case .refreshAll: "Refresh all profiles?"
        case .refreshRejected(let name): "Refresh rejected profile \(name)?"
        case .copyToken(let name, let fingerprint, let header):
            header
                ? "Copy the Authorization header of \(name) (fingerprint \(fingerprint)) to the clipboard?"
                : "Copy token of \(name) (fingerprint \(fingerprint)) to the clipboard?"
        }
    }

    /// Why we ask, in words an operator can act on.
    public var explanation: String {
        switch self {
        case .refreshAll(let count, let rejected):
            "This requests a new token for \(count) enabled \(count == 1 ? "profile" : "profiles") now, ahead of their schedule."
                + (rejected == 0
                    ? ""
                    : " \(rejected) rejected \(rejected == 1 ? "one is" : "ones are") skipped: each try counts towards the merchant's lockout.")
        case .refreshRejected:
            "EnKash refused these credentials. Each retry with wrong credentials counts as a failed "
                + "login and can lock the merchant account. Fix the access key or secret first."
        case .copyToken(_, _, let header):
            (header ? "Copies \"Authorization: Bearer <token>\" " : "Copies the token ")
                + "to your terminal's clipboard (OSC 52; works over SSH and in tmux). It is never shown. "
                + "Anyone who can paste from that clipboard can use it until it expires."
        }
    }

    /// What `y` does. A rejected profile's refresh is forced: the refresher refuses it otherwise.
    public var command: DashboardCommand {
        switch self {
        case .refreshAll: .refreshAll
        case .refreshRejected(let name): .refresh(name, force: true)
        case .copyToken(let name, _, let header): .copyToken(profile: name, header: header)
        }
    }
}
