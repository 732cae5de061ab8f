import Foundation

/// An attempt record held by reference: statuses and slots keep one per profile, and a copy of a
/// status list then shares the records instead of copying each one inline.
public final class AttemptRecordBox: Sendable, Equatable {
    public let record: AttemptRecord

    public init(_ record: AttemptRecord) { self.record = record }

    public static func == (lhs: AttemptRecordBox, rhs: AttemptRecordBox) -> Bool {
        lhs === rhs || lhs.record == rhs.record
    }
}
