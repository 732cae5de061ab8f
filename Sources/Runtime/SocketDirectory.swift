import Control
import Foundation
import PrivateFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directory of the daemon's control socket, and the group that may reach it.
public enum SocketDirectory {
    /// The group's id, from a name or a number; nil when no such group exists.
    public static func groupID(_ group: String) -> gid_t? {
        if let entry = getgrnam(group) { return entry.pointee.gr_gid }
        if let number = gid_t(group), getgrgid(number) != nil { return number }
        return nil
    }

    /// Creates the socket's directory when it is missing: mode 0700, or 0750 owned by `group`
    /// so its members can reach a 0660 socket. An existing directory is left as it is (systemd's
    /// `RuntimeDirectory=` or the operator chose its mode); when it keeps `group` out, the
    /// returned warning names it.
    @discardableResult
    public static func prepare(of socketPath: String, group: gid_t?) throws -> String? {
        let directory = (socketPath as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return nil }
        guard !FileManager.default.fileExists(atPath: directory) else {
            return group.flatMap { SocketAccess.group($0).directoryProblem(socketPath: socketPath) }
        }
        try PrivateDirectory.createParent(of: socketPath)
        if let group {
            guard chown(directory, uid_t.max, group) == 0, chmod(directory, 0o750) == 0 else {
                throw SocketDirectoryError(
                    description: "cannot give \(directory) to group \(group): \(String(cString: strerror(errno)))")
            }
        }
        return nil
    }
}
