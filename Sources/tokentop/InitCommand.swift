import ArgumentParser
import Foundation
import Runtime

/// `tokentop init`: writes a commented profiles template (mode 600), never over an existing file.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented profiles file to start from (never overwrites one).",
        discussion: """
            Writes to --config PATH, else $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml, \
            else ~/.config/tokentop/profiles.yaml, with mode 600. \(ExitStatusTable.help(for: "init"))
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the profiles file.", valueName: "PATH"))
    var config: String?

    func run() async throws {
        do throws(RuntimeExit) {
            try InitRun(config: config, environment: ProcessInfo.processInfo.environment).run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
