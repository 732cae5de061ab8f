import TokenModel

/// The scheduler's profile slots by slot id, stored densely.
///
/// A dictionary of slots would keep every slot inline in a bucket array that runs at most 3/4
/// full and doubles as it grows (briefly holding the old array too); a slot is several hundred
/// bytes, so with many profiles that dominates memory. Here the slots sit in one array, in
/// insertion order, and a small dictionary maps an id to its position; a removed slot's place is
/// taken by the last one.
struct SlotTable: Sendable {
    private var storage: [ProfileSlot?] = []
    /// The id of the slot at the same position in `storage`.
    private var keys: [Int] = []
    private var positions: [Int: Int] = [:]

    init(capacity: Int = 0) {
        storage.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    var count: Int { storage.count }

    /// The ids of every slot (in no particular order).
    var ids: [Int] { keys }

    /// The slot with `id`; setting nil removes it, setting a value inserts or replaces it.
    subscript(id: Int) -> ProfileSlot? {
        get { positions[id].flatMap { storage[$0] } }
        _modify {
            if let position = positions[id] {
                yield &storage[position]
                if storage[position] == nil { removeEntry(id: id, at: position) }
            } else {
                var added: ProfileSlot?
                yield &added
                if let added { insert(added, id: id) }
            }
        }
        set {
            if let position = positions[id] {
                if let newValue {
                    storage[position] = newValue
                } else {
                    removeEntry(id: id, at: position)
                }
            } else if let newValue {
                insert(newValue, id: id)
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey id: Int) -> ProfileSlot? {
        guard let position = positions[id] else { return nil }
        let slot = storage[position]
        removeEntry(id: id, at: position)
        return slot
    }

    private mutating func insert(_ slot: ProfileSlot, id: Int) {
        positions[id] = storage.count
        storage.append(slot)
        keys.append(id)
    }

    /// Moves the last slot into `position` and drops the last place.
    private mutating func removeEntry(id: Int, at position: Int) {
        positions[id] = nil
        let last = storage.count - 1
        if position != last {
            storage.swapAt(position, last)
            keys.swapAt(position, last)
            positions[keys[position]] = position
        }
        storage.removeLast()
        keys.removeLast()
    }
}
