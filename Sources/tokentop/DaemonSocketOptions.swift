import ArgumentParser
import Control
import Foundation
import PrivateFiles
import Runtime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--socket PATH` and `--socket-group G`: where the daemon serves its state to dashboards.
/// Parsed and checked here; the Control target's `ControlServer` serves it.
struct DaemonSocketOptions: ParsableArguments {
    @Option(
        name: .customLong("socket"),
        help: ArgumentHelp(
            "Unix socket for dashboards. Default: $XDG_RUNTIME_DIR/tokentop/tokentop.sock, else in the state directory.",
            valueName: "PATH"))
    var path: String?

    @Option(
        name: .customLong("socket-group"),
        help: ArgumentHelp("Make the socket 0660 and owned by this group (name or number); default 0600.", valueName: "GROUP"))
    var group: String?

    func validate() throws {
        if let path {
            if path.isEmpty { throw ValidationError("--socket needs a path") }
            if let problem = UnixSocketPath.problem(path) { throw ValidationError(problem) }
        }
        if let group, Self.groupID(group) == nil {
            throw ValidationError("--socket-group '\(group)': no such group on this machine (see `getent group`)")
        }
    }

    /// The socket path to use, absolute: `--socket` (a relative one against the working
    /// directory), else the default for this environment (`DaemonSocketPath`).
    func resolvedPath(environment: [String: String]) -> String {
        DaemonSocketPath.resolve(path, environment: environment)
    }

    /// The group's id, from a name or a number; nil when no such group exists.
    static func groupID(_ group: String) -> gid_t? {
        if let entry = getgrnam(group) { return entry.pointee.gr_gid }
        if let number = gid_t(group), getgrgid(number) != nil { return number }
        return nil
    }

    /// Creates the socket's directory when it is missing: mode 0700, or 0750 owned by `group`
    /// so its members can reach a 0660 socket. An existing directory is left as it is (systemd's
    /// `RuntimeDirectory=` or the operator chose its mode); when it keeps `group` out, the
    /// returned warning names it.
    @discardableResult
    static func prepareDirectory(of socketPath: String, group: gid_t?) throws -> String? {
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

    struct SocketDirectoryError: Error, CustomStringConvertible {
        var description: String
    }
}
