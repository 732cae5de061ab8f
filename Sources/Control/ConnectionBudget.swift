import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What all connections of one control server hold together: how many are open, and how many
/// bytes wait unread for them. Each connection's `OutgoingQueue` reserves its lines here.
final class ConnectionBudget: Sendable {
    /// Descriptors the server leaves free for everything else the process opens (token
    /// requests, sink writes, the result log, hooks).
    static let descriptorsInReserve: UInt64 = 64

    /// One connection's unread bytes, and how to make it let go of them.
    private struct Holder {
        var bytes = 0
        let evict: @Sendable (String) -> Void
    }

    private struct State {
        var open = 0
        var bytes = 0
        var holders: [ObjectIdentifier: Holder] = [:]
    }

    /// Connections served at once.
    let connections: Int
    let totalBytes: Int
    private let state = Mutex(State())

    init(limits: ControlLimits, descriptorLimit: UInt64? = DescriptorLimit.current()?.soft) {
        connections = Self.connectionCap(limits.connections, descriptorLimit: descriptorLimit)
        totalBytes = limits.totalQueuedBytes
    }

    /// `wanted`, lowered so the connections leave `descriptorsInReserve` descriptors free
    /// (at least one connection).
    static func connectionCap(_ wanted: Int, descriptorLimit: UInt64?) -> Int {
        guard let descriptorLimit else { return wanted }
        let spare = descriptorLimit > descriptorsInReserve ? descriptorLimit - descriptorsInReserve : 1
        return max(1, min(wanted, Int(clamping: spare)))
    }

    /// Places of the cap only the refresher's own user and root may take: an eighth of it (none
    /// under a cap of 4), so clients of the socket's group that connect and sit idle can fill
    /// the rest but never shut the operator out.
    var ownerReserve: Int { connections >= 4 ? max(1, connections / 8) : 0 }

    /// Counts a new connection in; false (nothing counted) when `connections` are open already,
    /// or, for a client that is not the `owner` (or root), when only the reserve is left.
    func admit(owner: Bool = true) -> Bool {
        state.withLock { state in
            let limit = owner ? connections : connections - ownerReserve
            guard state.open < limit else { return false }
            state.open += 1
            return true
        }
    }

    /// A connection admitted by `admit()` has ended.
    func leave() {
        state.withLock { $0.open -= 1 }
    }

    /// Registers a connection's queue; `evict` closes that connection with the reason given.
    func register(_ holder: AnyObject, evict: @escaping @Sendable (String) -> Void) {
        state.withLock { $0.holders[ObjectIdentifier(holder)] = Holder(evict: evict) }
    }

    /// Reserves `size` bytes for `holder`. When all connections together would pass
    /// `totalBytes`, the connections holding the most unread bytes are evicted until it fits
    /// (their bytes no longer count), so clients that stopped reading cannot lock the others
    /// out; when `holder` itself holds the most, it is refused instead. Returns the reason it
    /// is refused (nil when reserved) and the evictions to run, outside every lock.
    func reserve(_ size: Int, for holder: AnyObject) -> (refused: String?, evictions: [@Sendable () -> Void]) {
        let id = ObjectIdentifier(holder)
        return state.withLock { state in
            var evictions: [@Sendable () -> Void] = []
            let own = state.holders[id]?.bytes ?? 0
            while state.bytes + size > totalBytes {
                guard
                    let (victim, held) = state.holders.filter({ $0.key != id }).map({ ($0.key, $0.value.bytes) }).max(
                        by: { $0.1 < $1.1 }),
                    held > own + size, let evicted = state.holders.removeValue(forKey: victim)
                else {
                    return (
                        "it held the largest share when the clients together passed \(totalBytes) bytes waiting unread",
                        evictions
                    )
                }
                state.bytes -= evicted.bytes
                let reason =
                    "it held the largest share (\(evicted.bytes) bytes) when the clients together passed \(totalBytes) bytes waiting unread"
                evictions.append { evicted.evict(reason) }
            }
            state.bytes += size
            state.holders[id]?.bytes += size
            return (nil, evictions)
        }
    }

    /// `size` bytes of `holder` were written (or dropped); nothing when it was evicted.
    func release(_ size: Int, for holder: AnyObject) {
        state.withLock { state in
            let id = ObjectIdentifier(holder)
            guard state.holders[id] != nil else { return }
            state.holders[id]?.bytes -= size
            state.bytes -= size
        }
    }

    /// The connection is over: what it still held no longer counts.
    func unregister(_ holder: AnyObject) {
        state.withLock { state in
            if let held = state.holders.removeValue(forKey: ObjectIdentifier(holder)) { state.bytes -= held.bytes }
        }
    }

    /// Bytes waiting unread for all connections.
    var queuedBytes: Int { state.withLock { $0.bytes } }
}
