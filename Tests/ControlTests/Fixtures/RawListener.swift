import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain Unix-socket server that greets every connection with fixed text and then keeps
/// it open (reading nothing): to play a server of another protocol version.
// @unchecked: the descriptors are set once in init; the accept thread only reads them.
final class RawListener: @unchecked Sendable {
    let path: String
    private let fd: Int32

    init(path: String, greeting: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = RawSocket.address(path)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw RawSocketError("cannot listen on \(path): errno \(errno)")
        }
        let listener = fd
        let bytes = Array(greeting.utf8)
        Thread.detachNewThread {
            var connections: [Int32] = []
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { break }
                connections.append(client)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            for connection in connections { close(connection) }
        }
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }
}
