import ArgumentParser
import Runtime

/// `--manual-refresh-interval SECONDS`: how often manual refreshes (the socket's `refresh`, the
/// dashboard's `r`) may cost a profile a token request. Parsed and checked here; the refresh
/// scheduler applies it.
struct ManualRefreshOptions: ParsableArguments {
    @Option(
        name: .customLong("manual-refresh-interval"),
        help: ArgumentHelp(
            "Manual refreshes send at most one request per profile per SECONDS (0-3600, default 5); "
                + "one asked for sooner gets the last attempt's result. 0 turns the limit off.",
            valueName: "SECONDS"))
    var seconds: Int?

    func validate() throws {
        if let seconds, let problem = ArgumentChecks.manualRefreshIntervalProblem(seconds) {
            throw ValidationError(problem)
        }
    }

    /// The interval, or nil for the default.
    var interval: Duration? { seconds.map { .seconds($0) } }
}
