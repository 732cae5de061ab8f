import Foundation

/// Where tokentop keeps its state (the result log, instance directories, the daemon's default
/// socket): `$XDG_STATE_HOME/tokentop` when that is an absolute path, else
/// `~/.local/state/tokentop`, as the XDG base directory rules say.
public enum StateDirectory {
    public static func path(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/tokentop" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/tokentop"
    }
}
