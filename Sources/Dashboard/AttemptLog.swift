import TokenModel

/// The newest attempts, kept in a ring buffer of fixed capacity: appending past the capacity
/// overwrites the oldest record.
public struct AttemptLog: Sendable, Equatable {
    public let capacity: Int
    private var storage: [AttemptRecord] = []
    /// Where the next record goes once `storage` is full.
    private var head = 0

    public init(capacity: Int = 500, records: [AttemptRecord] = []) {
        self.capacity = max(1, capacity)
        for record in records { append(record) }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ record: AttemptRecord) {
        if storage.count < capacity {
            storage.append(record)
        } else {
            storage[head] = record
            head = (head + 1) % capacity
        }
    }

    /// Oldest first.
    public var chronological: [AttemptRecord] {
        Array(storage[head...] + storage[..<head])
    }

    /// Newest first, as the log pane lists them.
    public var newestFirst: [AttemptRecord] { chronological.reversed() }

    /// Newest first, only the records `scope` lets through.
    public func newestFirst(profile: String?) -> [AttemptRecord] {
        guard let profile else { return newestFirst }
        return newestFirst.filter { $0.profile == profile }
    }

    public static func == (lhs: AttemptLog, rhs: AttemptLog) -> Bool {
        lhs.capacity == rhs.capacity && lhs.chronological == rhs.chronological
    }
}
