import TokenModel

/// The dashboard's one store of attempts: the log pane lists it, the plots read it. The newest
/// attempts in a ring buffer of fixed capacity: appending past the capacity overwrites the
/// oldest record. Ordered by when each attempt finished (the moment its result was known), the
/// time the log pane shows: overlapping attempts that are reported out of that order (a slow one
/// started first) are moved back to their place, past the few that finished later.
///
/// Appends cost the same however full it is, and a page of the pane is read from the newest end
/// without copying the rest (`newest(skipping:limit:profile:)`), so 10,000 records cost a frame
/// no more than 500 did. History read back at start comes in through `merge`.
public struct AttemptLog: Sendable, Equatable {
    /// What a dashboard keeps: the bound of the history read back at start (`AttemptHistory`).
    public static let defaultCapacity = AttemptHistory.maximumAttempts

    public let capacity: Int
    private var storage: [AttemptRecord] = []
    /// Where the oldest record is once `storage` is full (0 until then).
    private var head = 0
    /// Records per profile, so a scope's line count needs no scan.
    private var perProfile: [String: Int] = [:]
    /// The newest merged records: a line is on record before its event reaches the screen, so
    /// the event of an attempt read back as history may still come; it is not added twice.
    private var recentlyMerged: Set<AttemptKey> = []
    private static let recentlyMergedKept = 64
    /// Changes with every append, so per-profile summaries can be cached (`ProfileHistoryCache`).
    public private(set) var version = AttemptLogVersion()

    public init(capacity: Int = AttemptLog.defaultCapacity, records: [AttemptRecord] = []) {
        self.capacity = max(1, capacity)
        for record in records { append(record) }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The records of `profile` (all of them when nil).
    public func count(profile: String?) -> Int {
        guard let profile else { return storage.count }
        return perProfile[profile] ?? 0
    }

    /// The record `offset` places after the oldest.
    private func slot(_ offset: Int) -> Int { (head + offset) % storage.count }

    public mutating func append(_ record: AttemptRecord) {
        if !recentlyMerged.isEmpty, let seen = AttemptKey(record).nearby.first(where: recentlyMerged.contains) {
            recentlyMerged.remove(seen)
            return
        }
        version = AttemptLogVersion()
        if storage.count < capacity {
            storage.append(record)
        } else {
            // Older than everything kept: it would be the one dropped.
            if record.finishedAt < storage[head].finishedAt { return }
            perProfile[storage[head].profile, default: 1] -= 1
            if perProfile[storage[head].profile] == 0 { perProfile[storage[head].profile] = nil }
            storage[head] = record
            head = (head + 1) % capacity
        }
        perProfile[record.profile, default: 0] += 1
        // The rare out-of-order record moves back past those that finished later.
        var at = storage.count - 1
        while at > 0, storage[slot(at - 1)].finishedAt > record.finishedAt {
            storage[slot(at)] = storage[slot(at - 1)]
            at -= 1
        }
        storage[slot(at)] = record
    }

    /// Adds attempts read back from before (oldest first or not), each in its place by finish
    /// time; one already here (the same attempt arrived as an event meanwhile) is not added
    /// twice. When more than `capacity` are there, the newest are kept. Returns how many were
    /// added.
    @discardableResult
    public mutating func merge(_ records: [AttemptRecord]) -> Int {
        guard !records.isEmpty else { return 0 }
        var known = Set(storage.map(AttemptKey.init))
        var added: [AttemptRecord] = []
        for record in records {
            let key = AttemptKey(record)
            guard !key.nearby.contains(where: known.contains) else { continue }
            known.insert(key)
            added.append(record)
        }
        guard !added.isEmpty else { return 0 }
        version = AttemptLogVersion()
        recentlyMerged = Set(
            added.sorted { $0.finishedAt > $1.finishedAt }.prefix(Self.recentlyMergedKept).map(AttemptKey.init))
        let merged = (chronological + added).enumerated()
            .sorted { ($0.element.finishedAt, $0.offset) < ($1.element.finishedAt, $1.offset) }
            .suffix(capacity)
            .map(\.element)
        storage = []
        storage.reserveCapacity(min(capacity, merged.count))
        head = 0
        perProfile = [:]
        for record in merged {
            storage.append(record)
            perProfile[record.profile, default: 0] += 1
        }
        return added.count
    }

    /// Oldest first.
    public var chronological: [AttemptRecord] {
        Array(storage[head...] + storage[..<head])
    }

    /// Newest first, as the log pane lists them.
    public var newestFirst: [AttemptRecord] { chronological.reversed() }

    /// Newest first, only the records `scope` lets through.
    public func newestFirst(profile: String?) -> [AttemptRecord] {
        newest(skipping: 0, limit: .max, profile: profile)
    }

    /// Newest first: `limit` records of `profile` (any when nil) after skipping its `skipping`
    /// newest. Reads only as far back as the page needs.
    public func newest(skipping: Int, limit: Int, profile: String?) -> [AttemptRecord] {
        guard limit > 0, !storage.isEmpty else { return [] }
        var page: [AttemptRecord] = []
        if profile == nil {
            let first = storage.count - 1 - max(0, skipping)
            guard first >= 0 else { return [] }
            let last = max(0, first - (limit - 1))
            page.reserveCapacity(first - last + 1)
            for offset in stride(from: first, through: last, by: -1) { page.append(storage[slot(offset)]) }
            return page
        }
        var toSkip = max(0, skipping)
        var offset = storage.count - 1
        // The scan stops as soon as the page is full, and at once when the profile has none.
        var left = count(profile: profile)
        while offset >= 0, page.count < limit, left > 0 {
            let record = storage[slot(offset)]
            if record.profile == profile {
                left -= 1
                if toSkip > 0 { toSkip -= 1 } else { page.append(record) }
            }
            offset -= 1
        }
        return page
    }

    public static func == (lhs: AttemptLog, rhs: AttemptLog) -> Bool {
        lhs.capacity == rhs.capacity && lhs.count == rhs.count && lhs.chronological == rhs.chronological
            && lhs.recentlyMerged == rhs.recentlyMerged
    }
}
