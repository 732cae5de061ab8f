import ArgumentParser

/// Options every scenario takes.
struct BenchOptions: ParsableArguments {
    @Option(help: "Seconds per measured window (steady-state scenarios).")
    var duration: Double?

    @Option(name: .customLong("repeat"), help: "Measured windows, or runs, per program.")
    var repeats: Int?

    @Option(help: "Minimum warm-up in seconds before measuring (then until CPU settles).")
    var warmup: Double?

    @Flag(help: "A tiny run (few profiles, ~1 s windows) that only shows the harness works.")
    var quick = false

    @Option(help: "The tokentop binary (default: the one next to tokentop-bench).")
    var tokentop: String?

    func validate() throws {
        if let duration, duration <= 0 { throw ValidationError("--duration must be above zero") }
        if let repeats, repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if let warmup, warmup < 0 { throw ValidationError("--warmup cannot be negative") }
    }

    /// The settings for a scenario whose full run uses `duration` x `repeats`.
    func settings(duration full: Double, repeats fullRepeats: Int, warmup fullWarmup: Double = 5) -> RunSettings {
        RunSettings(
            duration: .milliseconds(Int64(1000 * (duration ?? (quick ? 1 : full)))),
            windows: repeats ?? (quick ? 1 : fullRepeats),
            minimumWarmup: .milliseconds(Int64(1000 * (warmup ?? (quick ? 0.5 : fullWarmup)))),
            maximumWarmup: quick ? .seconds(6) : .seconds(300),
            settleInterval: quick ? .milliseconds(500) : .seconds(1),
            settleCount: quick ? 1 : 2)
    }
}

struct RunSettings {
    var duration: Duration
    var windows: Int
    var minimumWarmup: Duration
    var maximumWarmup: Duration
    var settleInterval: Duration
    var settleCount: Int
    var settleCPUPercent = 10.0
}
