import Foundation

/// What a manual refresh got: the attempt's record, and whether that record was reused. Within
/// the manual rate limit after a profile's last attempt ended, a refresh sends no request and
/// gets that attempt's record; `reusedWithin` is then the limit (else nil: the record is of a
/// request sent, or joined, for this refresh).
public struct RefreshAnswer: Sendable, Equatable {
    public var record: AttemptRecord
    /// The manual rate limit that answered with the last attempt's record; nil for a new one.
    public var reusedWithin: Duration?

    public init(record: AttemptRecord, reusedWithin: Duration? = nil) {
        self.record = record
        self.reusedWithin = reusedWithin
    }

    public var reused: Bool { reusedWithin != nil }

    /// For the operator, when the record was reused: `acme: refreshed 3 s ago; showing that
    /// result (one request per 5 s)`. Nil for a new record.
    public func reuseNotice(now: Date) -> String? {
        guard let interval = reusedWithin else { return nil }
        let ago = max(0, Int(now.timeIntervalSince(record.finishedAt).rounded()))
        return
            "\(record.profile): refreshed \(ago) s ago; showing that result (one request per \(Self.seconds(interval)))"
    }

    /// `5 s`, `0.5 s`.
    private static func seconds(_ duration: Duration) -> String {
        let value = duration.seconds
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
