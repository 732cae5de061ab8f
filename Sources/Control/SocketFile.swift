import Foundation

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
            throw ControlError(
                .notASocket, path: path,
                "\(path) exists and is not a socket; not replacing it (choose another --socket)")
        }
        if answers(path) {
            throw ControlError(
                .inUse, path: path,
                "another tokentop is already serving \(path); stop it first, or choose another --socket")
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
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
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

    /// A new private directory (mode 0700) next to `path` to bind in: a socket bound there can
    /// be given its mode and group before `publish` links it to `path`, so `path` never exists
    /// with the process umask's permissions. Nil when the staged path would not fit a socket
    /// address (a name within 10 bytes of the limit), or the directory cannot be made.
    static func stagingDirectory(for path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        let template = (directory.isEmpty ? "." : directory) + "/.XXXXXX"
        guard UnixSocketPath.problem(template + "/s") == nil else { return nil }
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { return nil }
        // mkdtemp filled in the X's of `bytes` itself.
        return String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The socket path inside a staging directory.
    static func staged(in staging: String) -> String { staging + "/s" }

    /// Gives the staged socket its final name without replacing anything (`link`, then the
    /// staged name and directory are removed). Another process that took `path` meanwhile is
    /// reported as `.inUse`.
    static func publish(staging: String, at path: String) throws(ControlError) {
        let staged = staged(in: staging)
        defer {
            unlink(staged)
            rmdir(staging)
        }
        if link(staged, path) == 0 { return }
        let code = errno
        if code == EEXIST {
            throw ControlError(
                .inUse, path: path,
                "\(path) appeared while this tokentop was binding it; another one is starting? choose another --socket")
        }
        // A file system without hard links to sockets: rename (`prepare` found `path` free).
        guard rename(staged, path) == 0 else {
            throw ControlError(
                .system, path: path, "cannot move the socket to \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Removes a staging directory and whatever was bound in it.
    static func discard(staging: String) {
        unlink(staged(in: staging))
        rmdir(staging)
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
