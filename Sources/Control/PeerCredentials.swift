import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is at the other end of a Unix socket connection, as the kernel says (`SO_PEERCRED`):
/// the credentials of the process that connected, at the time it connected.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// The peer of `channel`, or nil when the system cannot tell (not a Unix socket, or not Linux).
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        #if os(Linux)
            guard let provider = channel as? any SocketOptionProvider else { return nil }
            // Linux's `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`: glibc declares it only
            // under _GNU_SOURCE, so Swift does not see it; three 32-bit fields in this order have
            // the same layout.
            let future: EventLoopFuture<(Int32, UInt32, UInt32)> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            guard let raw = try? await future.get() else { return nil }
            return PeerCredentials(pid: raw.0, uid: raw.1, gid: raw.2)
        #else
            return nil
        #endif
    }
}
