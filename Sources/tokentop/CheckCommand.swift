import ArgumentParser
import Foundation
import Runtime

/// `tokentop check`: one token per profile, a table (or JSON), an exit code for scripts.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch one token per profile and print what EnKash answered.",
        discussion: ExitStatusTable.help(for: "check")
    )

    @OptionGroup var source: ProfileSourceOptions

    @Option(name: .customLong("profile"), help: "Only this profile (repeatable). Default: every enabled profile.")
    var profileNames: [String] = []

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "At most this many requests at once. Default: the profiles file's concurrency (8).")
    var concurrency: Int?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let concurrency, !(1...256).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 256")
        }
    }

    func run() async throws {
        let settings = CheckSettings(
            source: source.settings, resultLog: logging.resultLog, profileNames: profileNames, json: json,
            concurrency: concurrency)
        let logger = logging.bootstrap()
        do throws(RuntimeExit) {
            try await CheckRun(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
                .run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
