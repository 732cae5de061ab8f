import Foundation
import PrivateFiles

/// Where the daemon serves its control socket, shared by the daemon (which binds it) and the
/// dashboard (which probes it before taking a profiles file's lock).
public enum DaemonSocketPath {
    /// `$XDG_RUNTIME_DIR/tokentop/tokentop.sock` when `XDG_RUNTIME_DIR` is absolute, else
    /// `<stateDir>/tokentop.sock`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/tokentop/tokentop.sock"
        }
        return StateDirectory.path(environment: environment) + "/tokentop.sock"
    }

    /// `--socket PATH` as the process will bind or dial it: absolute (against
    /// `workingDirectory`), `~` expanded, `.`/`..` removed. A relative path must not reach
    /// `owner.json` or the hello: readers run in other directories.
    public static func absolute(
        _ path: String, environment: [String: String],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String {
        InstanceDirectory.absolute(path, environment: environment, workingDirectory: workingDirectory)
    }

    /// `explicit` made absolute, else the default.
    public static func resolve(_ explicit: String?, environment: [String: String]) -> String {
        explicit.map { absolute($0, environment: environment) } ?? defaultPath(environment: environment)
    }
}
