import ArgumentParser
import Foundation
import Profiles

/// `tokentop init`: writes a commented profiles template (mode 600), never over an existing file.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented profiles file to start from (never overwrites one).",
        discussion: """
            Writes to --config PATH, else $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml, \
            else ~/.config/tokentop/profiles.yaml, with mode 600. Exit status 2 when the file already exists.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the profiles file.", valueName: "PATH"))
    var config: String?

    func run() async throws {
        let location = ProfilesLocation.resolve(explicit: config, environment: ProcessInfo.processInfo.environment)
        do {
            try ProfilesTemplate.write(to: location.path)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let configFlag = config == nil ? "" : " --config \(location.path)"
        let exports = ProfilesTemplate.exampleVariables.map { "       export \($0)=..." }.joined(separator: "\n")
        print(
            """
            wrote \(location.path) (mode 600; \(location.reason))
            next steps:
              1. edit it: one profile per merchant, secrets as {env: ...}, {file: ...} or {command: ...}
              2. set the variables the examples read, e.g.
            \(exports)
              3. check it: tokentop validate\(configFlag)
            """)
    }
}
