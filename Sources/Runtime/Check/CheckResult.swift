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

    /// The profile's name (the record carries it). The whole `Profile` was kept here before: a
    /// few hundred bytes for each of 10,000 results, twice over while the list was compacted at
    /// the end of `tokentop check`, where its memory peaked.
    public var name: String { record.profile }

    public var ok: Bool { record.outcome == .success }
}
