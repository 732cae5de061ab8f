import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A client connection to a control socket that keeps every byte it receives (a thread of its
/// own reads until the server closes), for tests that search what the socket sent.
final class SocketRecorder: Sendable {
    private let fd: Int32
    private let received = Mutex<Data>(Data())
    private let ended = Mutex<Bool>(false)

    init(path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Glibc.close(fd)
            throw TestFailure("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw TestFailure("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                received.withLock { $0.append(contentsOf: buffer[0..<count]) }
            }
            // Closed under the lock `close()` checks: it never shuts down a descriptor number
            // that was closed here and reused since.
            ended.withLock {
                $0 = true
                Glibc.close(fd)
            }
        }
    }

    /// Everything received so far.
    var bytes: Data { received.withLock { $0 } }

    /// The complete lines received so far, each parsed as a JSON object (nil for one that is not).
    var messages: [[String: Any]?] {
        let data = bytes
        guard let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return data[..<end].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
    }

    /// Messages of `type` received so far.
    func count(type: String) -> Int { messages.count { $0?["type"] as? String == type } }

    func send(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw TestFailure("send failed")
        }
    }

    /// Waits (up to `limit`) until `condition` holds for what was received.
    func wait(_ what: String, limit: TimeInterval = 15, _ condition: (SocketRecorder) -> Bool) async throws {
        guard try await AsyncWait.until(limit: limit, { condition(self) }) else {
            throw TestFailure("waited \(limit)s on the socket for \(what); received \(bytes.count) bytes")
        }
    }

    /// Closes the sending side; the reader keeps reading until the server closes.
    func finish() { shutdown(fd, Int32(SHUT_WR)) }

    /// Ends the connection now (the reader thread then closes the descriptor).
    func close() { ended.withLock { if !$0 { shutdown(fd, Int32(SHUT_RDWR)) } } }

    /// Waits (up to `limit`) for the server to close the connection.
    func waitForEnd(limit: TimeInterval = 10) async throws -> Bool {
        try await AsyncWait.until(limit: limit) { ended.withLock { $0 } }
    }
}
