import ArgumentParser
import Runtime

/// `--socket PATH`, `--socket-group G` and `--socket-group-can-act`: where the daemon serves its
/// state to dashboards, and who may act there.
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
        help: ArgumentHelp(
            "Make the socket 0660 and owned by this group (name or number); default 0600.", valueName: "GROUP"))
    var group: String?

    @Flag(
        name: .customLong("socket-group-can-act"),
        help: ArgumentHelp(
            "Let the --socket-group's members refresh, pause and reload too; by default only this user and root "
                + "may act, others only read (status, subscribe, history)."))
    var groupCanAct = false

    func validate() throws {
        if groupCanAct && group == nil {
            throw ValidationError(
                "--socket-group-can-act needs --socket-group (without it only this user and root can connect)")
        }
        if let path {
            if path.isEmpty { throw ValidationError("--socket needs a path") }
            if let problem = ArgumentChecks.socketPathProblem(path) { throw ValidationError(problem) }
        }
        if let group, SocketDirectory.groupID(group) == nil {
            throw ValidationError("--socket-group '\(group)': no such group on this machine (see `getent group`)")
        }
    }

    /// The socket path to use, absolute: `--socket` (a relative one against the working
    /// directory), else the default for this environment (`DaemonSocketPath`).
    func resolvedPath(environment: [String: String]) -> String {
        DaemonSocketPath.resolve(path, environment: environment)
    }
}
