import Foundation

/// A loopback port held bound but not listening: connecting to it is refused, and no server of a
/// test running alongside can take it meanwhile (a port merely found free could be).
final class HeldPort {
    let port: Int
    private let fd: Int32

    init() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Tinyproxy.StartError(description: "socket() failed") }
        var address = Tinyproxy.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = fd
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw Tinyproxy.StartError(description: "cannot bind a loopback port")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}
