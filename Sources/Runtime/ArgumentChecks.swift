import Control
import Operations

/// The checks the command line makes before anything runs, so the executable needs nothing but
/// Runtime: each returns the message an operator sees, or nil when the value is fine.
public enum ArgumentChecks {
    /// Why `--metrics [ADDR:]PORT` cannot be served as given.
    public static func metricsAddressProblem(_ text: String) -> String? {
        do {
            _ = try BindAddress.parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    /// `--metrics` as the daemon serves it; nil when it does not parse (see `metricsAddressProblem`).
    public static func metricsAddress(_ text: String) -> BindAddress? {
        try? BindAddress.parse(text)
    }

    /// Why a Unix socket cannot live at `path` (too long for `sockaddr_un`, or empty).
    public static func socketPathProblem(_ path: String) -> String? {
        UnixSocketPath.problem(path)
    }
}
