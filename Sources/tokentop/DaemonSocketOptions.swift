import ArgumentParser
import Foundation
import TokentopCore

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

    /// `sun_path` holds 108 bytes including the terminating NUL.
    static let maxPathBytes = 107

    func validate() throws {
        if let path {
            if path.isEmpty { throw ValidationError("--socket needs a path") }
            if let problem = Self.lengthProblem(path) { throw ValidationError(problem) }
        }
        if let group, Self.groupID(group) == nil {
            throw ValidationError("--socket-group '\(group)': no such group on this machine (see `getent group`)")
        }
    }

    /// The socket path to use: `--socket`, else the default for this environment.
    func resolvedPath(environment: [String: String]) -> String {
        path ?? Self.defaultPath(environment: environment)
    }

    static func defaultPath(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/tokentop/tokentop.sock"
        }
        return ResultLog.stateDirectory(environment: environment) + "/tokentop.sock"
    }

    /// Why a path cannot be a Unix socket address, or nil when it can.
    static func lengthProblem(_ path: String) -> String? {
        let bytes = path.utf8.count
        guard bytes > maxPathBytes else { return nil }
        return "socket path \(path) is \(bytes) bytes, longer than the \(maxPathBytes) a Unix socket allows; pass a shorter --socket PATH"
    }

    /// The group's id, from a name or a number; nil when no such group exists.
    static func groupID(_ group: String) -> gid_t? {
        if let entry = getgrnam(group) { return entry.pointee.gr_gid }
        if let number = gid_t(group), getgrgid(number) != nil { return number }
        return nil
    }

    /// Creates the socket's directory when it is missing: mode 0700, or 0750 owned by `group`
    /// so its members can reach a 0660 socket. An existing directory is left as it is (systemd's
    /// `RuntimeDirectory=` or the operator chose its mode).
    static func prepareDirectory(of socketPath: String, group: gid_t?) throws {
        let directory = (socketPath as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        try PrivateDirectory.createParent(of: socketPath)
        if let group {
            guard chown(directory, uid_t.max, group) == 0, chmod(directory, 0o750) == 0 else {
                throw SocketDirectoryError(
                    description: "cannot give \(directory) to group \(group): \(String(cString: strerror(errno)))")
            }
        }
    }

    struct SocketDirectoryError: Error, CustomStringConvertible {
        var description: String
    }
}
