import TokenModel

/// The newest attempts, kept in a ring buffer of fixed capacity: appending past the capacity
/// overwrites the oldest record. Ordered by when each attempt finished (the moment its result
/// was known), the time the log pane shows: overlapping attempts that are reported out of that
/// order (a slow one started first) are put in their place.
public struct AttemptLog: Sendable, Equatable {
    public let capacity: Int
    private var storage: [AttemptRecord] = []
    /// Where the next record goes once `storage` is full.
    private var head = 0
    /// Changes with every append, so per-profile summaries can be cached (`ProfileHistoryCache`).
    public private(set) var version = AttemptLogVersion()

    public init(capacity: Int = 500, records: [AttemptRecord] = []) {
        self.capacity = max(1, capacity)
        for record in records { append(record) }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ record: AttemptRecord) {
        version = AttemptLogVersion()
        if let newest = storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count],
            record.finishedAt < newest.finishedAt
        {
            insertInOrder(record)
            return
        }
        if storage.count < capacity {
            storage.append(record)
        } else {
            storage[head] = record
            head = (head + 1) % capacity
        }
    }

    /// The rare out-of-order record: after the last one that finished no later, the oldest
    /// dropped if the log is full (the new record itself, when it is older than all of them).
    private mutating func insertInOrder(_ record: AttemptRecord) {
        var ordered = chronological
        let position = ordered.lastIndex { $0.finishedAt <= record.finishedAt }.map { $0 + 1 } ?? 0
        if ordered.count >= capacity {
            guard position > 0 else { return }
            ordered.removeFirst()
            ordered.insert(record, at: position - 1)
        } else {
            ordered.insert(record, at: position)
        }
        storage = ordered
        head = 0
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
