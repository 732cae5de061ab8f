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

    private struct State {
        var open = 0
        var bytes = 0
    }

    /// Connections served at once.
    let connections: Int
    let totalBytes: Int
    private let state = Mutex(State())

    init(limits: ControlLimits, descriptorLimit: UInt64? = ConnectionBudget.softDescriptorLimit()) {
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

    static func softDescriptorLimit() -> UInt64? {
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return UInt64(limit.rlim_cur)
    }

    /// Counts a new connection in; false (nothing counted) when `connections` are open already.
    func admit() -> Bool {
        state.withLock { state in
            guard state.open < connections else { return false }
            state.open += 1
            return true
        }
    }

    /// A connection admitted by `admit()` has ended.
    func leave() {
        state.withLock { $0.open -= 1 }
    }

    /// Reserves `size` bytes for a connection already holding `held`; the reason it may not,
    /// or nil when reserved.
    func reserve(_ size: Int, held: Int) -> String? {
        state.withLock { state in
            let share = totalBytes / max(1, state.open)
            if held + size > share {
                return "it let more than its share of \(share) bytes wait unread (of \(totalBytes) for \(state.open) clients together)"
            }
            if state.bytes + size > totalBytes {
                return "the clients together let more than \(totalBytes) bytes wait unread"
            }
            state.bytes += size
            return nil
        }
    }

    func release(_ size: Int) {
        state.withLock { $0.bytes -= size }
    }

    /// Bytes waiting unread for all connections.
    var queuedBytes: Int { state.withLock { $0.bytes } }
}
