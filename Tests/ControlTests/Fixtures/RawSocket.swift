import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain blocking Unix-socket client, to speak the protocol byte by byte in tests. Reads
/// block, so the async wrappers run them on a thread of their own: never on the (small)
/// cooperative pool, nor on Dispatch's global queue, which on Linux runs only as many blocked
/// reads at once as there are cores and would stall the other tests' reads behind them.
// @unchecked: used by one test task at a time; the thread hop only moves a read off the pool.

final class RawSocket: @unchecked Sendable {
    let fd: Int32
    private var pending: [UInt8] = []

    init(path: String, timeout: Int = 10) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawSocketError("socket failed") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard RawSocket.dial(fd, path) else {
            close(fd)
            throw RawSocketError("connect to \(path) failed: errno \(errno)")
        }
    }

    deinit { close(fd) }

    static func dial(_ fd: Int32, _ path: String) -> Bool {
        var address = RawSocket.address(path)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// Leaves a socket file at `path` that nothing listens on (a crashed server's leftover).
    static func leaveStaleSocket(at path: String) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = address(path)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(fd)
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// The next line (without newline), or nil on EOF/timeout. Every byte read is also kept in `received`.
    private(set) var received: [UInt8] = []

    func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return nil }
            pending += buffer[..<n]
            received += buffer[..<n]
        }
    }

    /// Closes the writing side only (`shutdown(SHUT_WR)`), as a one-shot client does after its
    /// last request; replies can still be read.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// How a connection ended for the reader.
    enum Ending: Equatable {
        /// The server closed it (EOF or reset).
        case closed
        /// Nothing came for the receive timeout.
        case timedOut
    }

    /// Reads every line until the connection ends; the lines and how it ended.
    func readToEnd() -> (lines: [String], ending: Ending) {
        var lines: [String] = []
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return (lines, .closed) }
            if n < 0 { return (lines, errno == EAGAIN || errno == EWOULDBLOCK ? .timedOut : .closed) }
            pending += buffer[..<n]
        }
    }

    /// `readToEnd()` off the cooperative pool.
    func toEnd() async -> (lines: [String], ending: Ending) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readToEnd()) }
        }
    }

    /// `readLine()` off the cooperative pool.
    func line() async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readLine()) }
        }
    }

    /// `readLine(containing:)` off the cooperative pool.
    func line(containing text: String) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readLine(containing: text)) }
        }
    }

    /// Reads lines until one contains `text`.
    func readLine(containing text: String, limit: Int = 1000) -> String? {
        for _ in 0..<limit {
            guard let line = readLine() else { return nil }
            if line.contains(text) { return line }
        }
        return nil
    }
}
