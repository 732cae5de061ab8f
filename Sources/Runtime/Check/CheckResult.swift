import Foundation
import TokenModel

/// One profile's answer in `tokentop check`.
public struct CheckResult: Sendable {
    public var record: AttemptRecord
    public var token: IssuedToken?
    /// The proxy the request went through, as `host:port`; nil when it went direct.
    public var proxy: String?

    public init(record: AttemptRecord, token: IssuedToken?, proxy: String? = nil) {
        self.record = record
        self.token = token
        self.proxy = proxy
    }

    /// The profile's name (the record carries it): a result keeps no `Profile`, so a large check
    /// holds only what its report prints.
    public var name: String { record.profile }

    public var ok: Bool { record.outcome == .success }
}
