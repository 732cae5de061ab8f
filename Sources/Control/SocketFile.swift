import Foundation
import TokentopCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who may connect to a control socket.
public enum SocketAccess: Sendable, Equatable {
    /// Mode 0600: this user only.
    case owner
    /// Mode 0660 and this group.
    case group(gid_t)

    /// `.group` for a group name or number, or an error naming it.
    public static func group(named name: String) throws(ControlError) -> SocketAccess {
        if let number = gid_t(name) { return .group(number) }
        guard let entry = getgrnam(name) else {
            throw ControlError(.system, path: "", "no group named '\(name)' (--socket-group)")
        }
        return .group(entry.pointee.gr_gid)
    }
}

/// The socket file on disk: checks before binding, permissions after, removal at the end.
enum SocketFile {
    /// Makes `path` ready to bind: fine when free; a socket nothing answers on is removed; a live
    /// socket or anything else in the way is refused.
    static func prepare(_ path: String) throws(ControlError) {
        if let problem = UnixSocketPath.problem(path) { throw ControlError(.pathTooLong, path: path, problem) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw ControlError(.notASocket, path: path, "\(path) exists and is not a socket; not replacing it (choose another --socket)")
        }
        if answers(path) {
            throw ControlError(.inUse, path: path, "another tokentop is already serving \(path); stop it first, or choose another --socket")
        }
        unlink(path)
    }

    /// True when a process accepts connections on `path` (or we cannot tell: refused access).
    static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result == 0 { return true }
        return errno != ECONNREFUSED && errno != ENOENT
    }

    /// Sets the socket's group and mode after binding.
    static func restrict(_ path: String, access: SocketAccess) throws(ControlError) {
        switch access {
        case .owner:
            guard chmod(path, 0o600) == 0 else { throw failure(path, "set mode 0600 on") }
        case .group(let gid):
            guard chown(path, uid_t.max, gid) == 0 else { throw failure(path, "change the group of") }
            guard chmod(path, 0o660) == 0 else { throw failure(path, "set mode 0660 on") }
        }
    }

    /// The (device, inode) of the file at `path`, if any.
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    private static func failure(_ path: String, _ what: String) -> ControlError {
        ControlError(.system, path: path, "cannot \(what) \(path): \(String(cString: strerror(errno)))")
    }
}
