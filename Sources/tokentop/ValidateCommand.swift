import ArgumentParser
import Foundation
import Profiles
import TokenModel

/// `tokentop validate`: checks the profiles file and resolves every secret, printing no secret.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the profiles file: syntax, every field, and that every secret resolves.",
        discussion: """
            The file is --config PATH, else $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml, \
            else ~/.config/tokentop/profiles.yaml. Prints all problems at once with file:line:column. \
            Exit status: 0 when the file is good, 2 when it has errors.
            """)

    @Option(name: .long, help: ArgumentHelp("The profiles file to check.", valueName: "PATH"))
    var config: String?

    @Flag(help: "Treat warnings (a literal secretKey in a file others can read) as errors.")
    var strict = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = ProfilesLocation.resolve(explicit: config, environment: environment)
        let profiles: ProfileSet
        do {
            profiles = try await ProfilesLoader.loadOffPool(path: location.path, environment: environment, strict: strict)
        } catch {
            for diagnostic in error.diagnostics { printToStandardError(diagnostic.description) }
            if !FileManager.default.fileExists(atPath: location.path) {
                printToStandardError("looked in \(location.path) (\(location.reason))")
            }
            let errors = error.diagnostics.count { $0.severity == .error }
            printToStandardError("\(location.path): \(errors) error\(errors == 1 ? "" : "s")")
            throw ExitCode(2)
        }
        for warning in profiles.warnings { printToStandardError(warning.description) }
        print(ProfilesSummary.headline(profiles))
        for row in ProfilesSummary.rows(profiles) { print("  " + row) }
    }
}

private func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
