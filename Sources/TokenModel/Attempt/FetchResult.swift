import Foundation

/// One attempt's record, and the token when it succeeded.
public struct FetchResult: Sendable {
    public var record: AttemptRecord
    public var token: IssuedToken?

    public init(record: AttemptRecord, token: IssuedToken? = nil) {
        self.record = record
        self.token = token
    }
}
