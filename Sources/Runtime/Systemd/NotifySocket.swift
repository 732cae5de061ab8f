#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sends notifications to the service manager: one datagram per message on a fresh
/// `AF_UNIX`/`SOCK_DGRAM` socket (as `sd_notify(3)` does), never blocking (a full queue loses
/// the message rather than stalling the daemon).
public struct NotifySocket: Sendable {
    public let address: NotifySocketAddress

    public init(address: NotifySocketAddress) {
        self.address = address
    }

    /// Sends `message`; nil when it went, else the errno.
    @discardableResult
    public func send(_ message: NotifyMessage) -> Int32? {
        send(text: message.text)
    }

    func send(text: String) -> Int32? {
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = address.socketPathBytes
        guard pathBytes.count <= MemoryLayout.size(ofValue: socketAddress.sun_path) else { return ENAMETOOLONG }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: pathBytes) }
        // An abstract name is as long as its bytes; a path's length includes its NUL.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        #if canImport(Darwin)
            let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
            let flags: Int32 = MSG_DONTWAIT
        #else
            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            let flags = Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL)
        #endif
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, flags, $0, length)
                }
            }
        }
        return sent < 0 ? errno : nil
    }
}
