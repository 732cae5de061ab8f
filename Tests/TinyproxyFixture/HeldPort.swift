import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback port held bound but not listening: connecting to it is refused, and no server of a
/// test running alongside can take it meanwhile (a port merely found free could be). A proxy
/// that is down, for the tests.
public final class HeldPort {
    public let port: Int
    private let fd: Int32

    public init() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Tinyproxy.StartError("socket() failed") }
        guard let port = LoopbackPort.bindAny(fd) else {
            close(fd)
            throw Tinyproxy.StartError("cannot bind a loopback port")
        }
        self.port = port
    }

    deinit { close(fd) }
}
