import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix datagram socket bound by a test (at a path, or a name in the abstract namespace when
/// the path starts with `@`), standing in for systemd's notification socket: a thread of its
/// own reads every datagram into `messages` until `close()`.
public final class DatagramReceiver: Sendable {
    public let address: String
    private let fd: Int32
    private let received = Mutex<[String]>([])
    private let closed = Atomic<Bool>(false)
    private let ended = Atomic<Bool>(false)

    public init(address: String) throws {
        self.address = address
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8] = address.hasPrefix("@") ? [0] + Array(address.utf8.dropFirst()) : Array(address.utf8) + [0]
        guard bytes.count <= MemoryLayout.size(ofValue: socketAddress.sun_path) else {
            throw CocoaError(.fileWriteInvalidFileName)
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else {
            Glibc.close(fd)
            throw CocoaError(.fileWriteUnknown)
        }
        Thread.detachNewThread { [self] in readLoop() }
    }

    deinit { close() }

    /// Every datagram received so far, in order.
    public var messages: [String] { received.withLock { $0 } }

    /// Stops reading and closes the socket (waits for the reading thread to let go of it).
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        while !ended.load(ordering: .acquiring) { usleep(1000) }
        Glibc.close(fd)
        if !address.hasPrefix("@") { unlink(address) }
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !closed.load(ordering: .acquiring) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0.append(text) }
            }
        }
        ended.store(true, ordering: .releasing)
    }
}
