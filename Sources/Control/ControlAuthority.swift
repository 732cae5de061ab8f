#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who may act on a control socket. The serving process's own user and root may do anything;
/// any other user (a member of the socket's group) may only read (`status`, `subscribe`, `history`) unless
/// `othersMayAct` (`--socket-group-can-act`): a refresh, pause or reload from a mere viewer
/// could lock a merchant account or stop its tokens. Pure: tests give it uids.
public struct ControlAuthority: Sendable, Equatable {
    /// The user the serving process runs as.
    public var ownerUID: UInt32
    /// Whether users other than the owner and root may act too.
    public var othersMayAct: Bool

    public init(ownerUID: UInt32 = UInt32(geteuid()), othersMayAct: Bool = false) {
        self.ownerUID = ownerUID
        self.othersMayAct = othersMayAct
    }

    /// Whether a client running as `peerUID` may act; one whose credentials are unknown (nil)
    /// may only read, unless everyone may act.
    public func mayAct(peerUID: UInt32?) -> Bool {
        if othersMayAct { return true }
        guard let peerUID else { return false }
        return peerUID == 0 || peerUID == ownerUID
    }

    /// Whether `peerUID` is the refresher's own user or root: such clients may use the places
    /// of the connection cap kept in reserve (`ConnectionBudget.admit(owner:)`).
    public func isOwnerOrRoot(peerUID: UInt32?) -> Bool {
        guard let peerUID else { return false }
        return peerUID == 0 || peerUID == ownerUID
    }

    /// Why `request` from `peerUID` is refused, in words for the client's operator; nil when it
    /// may be served.
    public func refusal(of request: ControlRequest, peerUID: UInt32?) -> String? {
        guard request.needsActing, !mayAct(peerUID: peerUID) else { return nil }
        let who = peerUID.map { "uid \($0)" } ?? "a client whose uid cannot be read"
        return "refused \"\(request.typeName)\": \(who) may only read on this socket (status, subscribe, history); "
            + "acting needs uid \(ownerUID) (the refresher's user) or root, or the daemon started with --socket-group-can-act"
    }
}
