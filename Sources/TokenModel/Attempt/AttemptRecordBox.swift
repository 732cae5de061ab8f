import Foundation

/// An attempt record held by reference: statuses and slots keep one per profile, and inline it
/// was about 250 bytes of each (100,000 profiles: 25 MB per copy of the list).
public final class AttemptRecordBox: Sendable, Equatable {
    public let record: AttemptRecord

    public init(_ record: AttemptRecord) { self.record = record }

    public static func == (lhs: AttemptRecordBox, rhs: AttemptRecordBox) -> Bool {
        lhs === rhs || lhs.record == rhs.record
    }
}
