import Foundation
import Profiles
import TokenModel

/// `tokentop init`: writes a commented profiles template (mode 600), never over an existing file.
///
/// Exit status 2 when the file already exists (or cannot be written).
public struct InitRun: Sendable {
    public let config: String?
    public let environment: [String: String]

    public init(config: String?, environment: [String: String]) {
        self.config = config
        self.environment = environment
    }

    public func run() throws(RuntimeExit) {
        let location = ProfilesLocation.resolve(explicit: config, environment: environment)
        do {
            try ProfilesTemplate.write(to: location.path)
        } catch {
            FileHandle.standardError.write(Data("error: \(TerminalText.escapedLines(error.description))\n".utf8))
            throw RuntimeExit.configuration
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
