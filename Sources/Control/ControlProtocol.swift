import Foundation
import TokenModel

/// Constants of the control socket protocol (newline-delimited JSON, UTF-8).
public enum ControlProtocol {
    /// The version in `hello`; a client refuses a server that speaks another.
    public static let version = 1
    /// The longest line a server accepts from a client, newline excluded.
    public static let maximumRequestLine = 1 << 20
    /// The longest line a client accepts from a server (a snapshot of many profiles is large).
    public static let maximumReplyLine = 256 << 20

    /// What to tell the operator when the other side speaks protocol `theirs`.
    static func mismatch(theirs: Int, role: String?) -> String {
        let who = role ?? "the other tokentop"
        let advice =
            theirs > version ? "upgrade this tokentop" : "upgrade the \(who) (restart it from this tokentop's version)"
        return "\(who) speaks protocol \(theirs), this tokentop speaks \(version) — \(advice)"
    }

    /// Why `line`, which did not decode as a message, is a hello this side cannot use, or nil
    /// when it is not a hello at all. A hello is read field by field, `protocol` first, so a
    /// server of another version is named as such, not mistaken for one that never said hello.
    static func unreadableHello(_ line: some Collection<UInt8>) -> String? {
        guard let header = try? JSONDecoder().decode(HelloHeader.self, from: Data(line)), header.type == "hello" else {
            return nil
        }
        guard let theirs = header.protocol else {
            return "its hello names no protocol version; is it a tokentop control socket?"
        }
        if theirs != version { return mismatch(theirs: theirs, role: header.role) }
        return "its hello for protocol \(theirs) is missing fields this tokentop needs"
    }
}

/// The fields of a hello that every protocol version keeps, read before the rest.
private struct HelloHeader: Decodable {
    var type: String?
    var `protocol`: Int?
    var role: String?
}

/// An optional request id, echoed in the reply: a number or a string, as the client sent it.
public typealias ControlID = NumberOrText

/// The server's first line: who answers, and for which profiles file.
public struct ControlHello: Sendable, Equatable {
    public var protocolVersion: Int
    /// tokentop's version.
    public var version: String
    public var role: OwnerRole
    public var pid: Int32
    /// The profiles file, absolute.
    public var config: String
    /// How many profiles it holds.
    public var profiles: Int
    /// Whether this connection may act (refresh, pause, resume, reload) or only read (`status`,
    /// `subscribe`). The server always says; nil from a server that predates it, which lets
    /// everyone act.
    public var canAct: Bool?

    public init(
        protocolVersion: Int = ControlProtocol.version, version: String = TokentopVersion.current, role: OwnerRole,
        pid: Int32, config: String, profiles: Int, canAct: Bool? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.version = version
        self.role = role
        self.pid = pid
        self.config = config
        self.profiles = profiles
        self.canAct = canAct
    }

    /// Whether requests that act will be served on this connection.
    public var mayAct: Bool { canAct ?? true }
}

/// What a client asks.
public enum ControlRequest: Sendable, Equatable {
    case status
    case subscribe
    /// `force` refreshes a `rejected` profile all the same (each try is a failed login).
    case refresh(String, force: Bool = false)
    /// `includeRejected` refreshes (forces) `rejected` profiles too; else they are skipped.
    case refreshAll(includeRejected: Bool)
    case pause(String)
    case resume(String)
    case togglePause(String)
    case reload
    /// The attempts that finished since `since` (default and earliest: 24 h ago), the newest
    /// `limit` of them (default and most: `AttemptHistory.maximumAttempts`). Answered with
    /// `.history`: records with token fingerprints only, never a token.
    case history(since: Date?, limit: Int?)
}

/// The answer to a command.
public struct ControlResult: Sendable, Equatable {
    public var ok: Bool
    public var record: AttemptRecord?
    public var skipped: [String]?
    public var reload: ReloadSummary?
    public var error: String?
    /// A refresh's `record` is the profile's last attempt, reused within this manual rate limit
    /// (no request was sent for it); nil for a new record (and from servers that predate it).
    public var reusedWithin: Duration?

    public init(
        ok: Bool, record: AttemptRecord? = nil, skipped: [String]? = nil, reload: ReloadSummary? = nil,
        error: String? = nil,
        reusedWithin: Duration? = nil
    ) {
        self.ok = ok
        self.record = record
        self.skipped = skipped
        self.reload = reload
        self.error = error
        self.reusedWithin = reusedWithin
    }

    public static func failure(_ error: String) -> ControlResult { ControlResult(ok: false, error: error) }
}

/// One line of the protocol, either way.
public enum ControlMessage: Sendable {
    case hello(ControlHello)
    case request(ControlRequest, id: ControlID?)
    case snapshot([ProfileStatus], id: ControlID?)
    case result(ControlResult, id: ControlID?)
    /// The answer to `history`: attempts oldest first, and how many result-log lines the owner
    /// could not read (type `attempts` on the wire).
    case history(AttemptHistory, id: ControlID?)
    case event(AuthEvent)
    case error(String, id: ControlID?)
}
