import ArgumentParser
import Foundation
import Logging
import Runtime
import TokentopCore

/// `--config PATH` or `--demo`: where the profiles come from.
struct ProfileSourceOptions: ParsableArguments {
    @Option(help: "Profiles file. Default: $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml.")
    var config: String?

    @Flag(help: "Use the built-in sandbox and demo merchants (in-process, loopback only).")
    var demo = false

    @Flag(help: "Treat warnings (a literal secretKey in a file others can read) as errors: exit 2, start nothing.")
    var strict = false

    func validate() throws {
        if demo && config != nil { throw ValidationError("--demo and --config exclude each other; pick one") }
    }

    /// The settings the runtime reads.
    var settings: ProfileSource { ProfileSource(config: config, demo: demo, strict: strict) }

    /// Loads the profiles (see `ProfileSource.load`): every diagnostic of a refused file is
    /// printed, then exit 2.
    func load(environment: [String: String], logger: Logger) async throws -> LoadedProfiles {
        do throws(RuntimeExit) {
            return try await settings.load(environment: environment, logger: logger)
        } catch {
            throw ExitCode(error.status)
        }
    }
}
