import ArgumentParser
import Foundation
import Runtime

/// `tokentop validate`: checks the profiles file and resolves every secret, printing no secret.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the profiles file: syntax, every field, and that every secret resolves.",
        discussion: """
            The file is --config PATH, else $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml, \
            else ~/.config/tokentop/profiles.yaml. Prints all problems at once with file:line:column. \
            \(ExitStatusTable.help(for: "validate"))
            """)

    @Option(name: .long, help: ArgumentHelp("The profiles file to check.", valueName: "PATH"))
    var config: String?

    @Flag(help: "Treat warnings (a literal secretKey in a file others can read) as errors.")
    var strict = false

    func run() async throws {
        do throws(RuntimeExit) {
            try await ValidateRun(config: config, strict: strict, environment: ProcessInfo.processInfo.environment)
                .run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
