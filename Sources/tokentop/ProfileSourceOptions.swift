import ArgumentParser
import Foundation
import Logging
import Profiles
import Sandbox
import TokenModel

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

    /// The profiles, and the in-process sandbox when `--demo` started one (stop it when done).
    struct Loaded {
        var set: ProfileSet
        var sandbox: SandboxServer?
    }

    /// Loads the profiles; on any configuration error prints every diagnostic and exits 2.
    func load(environment: [String: String], logger: Logger) async throws -> Loaded {
        if demo {
            do {
                let sandbox = try await SandboxServer.start(credentials: DemoMerchants.credentials, logger: logger)
                let profiles = DemoMerchants.profiles(baseURL: sandbox.baseURL)
                return Loaded(set: ProfileSet(source: "DEMO", profiles: profiles), sandbox: sandbox)
            } catch {
                Console.error("could not start the demo sandbox on loopback: \(error)")
                throw ExitCode(1)
            }
        }
        let location = ProfilesLocation.resolve(explicit: config, environment: environment)
        do {
            let set = try await ProfilesLoader.loadOffPool(path: location.path, environment: environment, strict: strict)
            for warning in set.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            return Loaded(set: set, sandbox: nil)
        } catch {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
            throw ExitCode(2)
        }
    }
}
