import Foundation
import TokenModel

/// The result log is where the refresh service writes its attempts.
extension ResultLog: AttemptLog {
    public func append(_ record: AttemptRecord, profile: Profile, nextRefreshAt: Date?) -> Bool {
        append(
            ResultLogEntry(
                record: record, merchant: profile.merchant, host: profile.hostLabel, nextRefreshAt: nextRefreshAt))
    }
}
