import ArgumentParser
import Logging
import Runtime

// swift-log's levels are what `--log-level` takes; neither package can declare this conformance
// for the other, so the command line declares it, marked retroactive.
// swift-format-ignore: AvoidRetroactiveConformances
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--log PATH` (the result log; `-` for stdout) and `--log-level` (human diagnostics on stderr).
struct LoggingOptions: ParsableArguments {
    @Option(
        name: .customLong("log"),
        help: "Result log (JSON Lines). '-' writes to stdout. Default: $XDG_STATE_HOME/tokentop/results.jsonl.")
    var logPath: String?

    @Option(
        name: .customLong("log-level"),
        help:
            "Diagnostics on stderr: trace, debug, info, notice, warning, error, critical. Default: warning (daemon: info)."
    )
    var logLevel: Logger.Level?

    @Option(
        name: .customLong("log-max-size"),
        help: ArgumentHelp(
            "Rotate the result log before it passes this size (e.g. 10MiB, 512KiB, 1000000; 0 never rotates).",
            valueName: "SIZE"))
    var logMaxSize: ByteSize = ByteSize(bytes: ResultLogSettings.defaultMaxBytes)

    @Option(name: .customLong("log-keep"), help: "Rotated result logs kept: results.jsonl.1 (newest) to .N.")
    var logKeep: Int = ResultLogSettings.defaultKeep

    func validate() throws {
        if logKeep < 1 || logKeep > 100 { throw ValidationError("--log-keep must be between 1 and 100") }
    }

    /// Sends swift-log output to stderr at the chosen level (else `defaultLevel`); returns the root logger.
    func bootstrap(defaultLevel: Logger.Level = .warning) -> Logger {
        StandardErrorLogging.bootstrap(level: logLevel ?? defaultLevel)
    }

    /// The settings the runtime reads.
    var resultLog: ResultLogSettings {
        ResultLogSettings(path: logPath, maxBytes: logMaxSize.bytes > 0 ? logMaxSize.bytes : nil, keep: logKeep)
    }
}
