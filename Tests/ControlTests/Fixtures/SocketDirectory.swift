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

/// A short private directory for sockets (sun_path holds 107 bytes), removed on deinit.
final class SocketDirectory {
    let path: String

    init() throws {
        path = "/tmp/ttc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func socket(_ name: String = "control.sock") -> String { path + "/" + name }
}
