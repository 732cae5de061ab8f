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

    /// The longest `--manual-refresh-interval`: an hour. Longer would leave an operator unable to
    /// get a new token by hand for most of a token's life.
    public static let manualRefreshIntervalMaximum = 3600

    /// Why `--manual-refresh-interval SECONDS` cannot be used (outside 0...3600).
    public static func manualRefreshIntervalProblem(_ seconds: Int) -> String? {
        guard seconds < 0 || seconds > manualRefreshIntervalMaximum else { return nil }
        return
            "--manual-refresh-interval \(seconds): give whole seconds from 0 (no limit) to \(manualRefreshIntervalMaximum)"
    }
}
