import Foundation
import Profiles
import TokenModel

/// `tokentop validate`: checks the profiles file and resolves every secret, printing no secret.
///
/// Exit status: 0 when the file is good, 2 when it has errors.
public struct ValidateRun: Sendable {
    public let config: String?
    public let strict: Bool
    public let environment: [String: String]

    public init(config: String?, strict: Bool, environment: [String: String]) {
        self.config = config
        self.strict = strict
        self.environment = environment
    }

    public func run() async throws(RuntimeExit) {
        // It holds secrets: no core file, no other process attaching.
        CoreDumpGuard.apply()
        let location = ProfilesLocation.resolve(explicit: config, environment: environment)
        let profiles: ProfileSet
        do throws(ConfigError) {
            profiles = try await ProfilesLoader.loadOffPool(
                path: location.path, environment: environment, strict: strict)
        } catch {
            for diagnostic in error.diagnostics { Self.printToStandardError(diagnostic.description) }
            if !FileManager.default.fileExists(atPath: location.path) {
                Self.printToStandardError("looked in \(location.path) (\(location.reason))")
            }
            let errors = error.diagnostics.count { $0.severity == .error }
            Self.printToStandardError("\(location.path): \(errors) error\(errors == 1 ? "" : "s")")
            throw RuntimeExit.configuration
        }
        for warning in profiles.warnings { Self.printToStandardError(warning.description) }
        print(TerminalText.escaped(ProfilesSummary.headline(profiles)))
        for row in ProfilesSummary.rows(profiles) { print("  " + row) }
    }

    /// One line on stderr, control characters escaped: diagnostics quote the file's own text.
    static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.escapedLines(line) + "\n").utf8))
    }
}
