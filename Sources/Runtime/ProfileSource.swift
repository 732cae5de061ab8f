import Foundation
import Logging
import Profiles
import Sandbox
import TokenModel

/// Where the profiles come from: a file (`--config`, else the default location) or `--demo`.
public struct ProfileSource: Sendable {
    public var config: String?
    public var demo: Bool
    /// `--strict`: warnings are refused like errors, at start-up and on every reload.
    public var strict: Bool

    public init(config: String?, demo: Bool, strict: Bool) {
        self.config = config
        self.demo = demo
        self.strict = strict
    }

    public func location(environment: [String: String]) -> (path: String, reason: String) {
        ProfilesLocation.resolve(explicit: config, environment: environment)
    }

    /// Loads the profiles (for `--demo`, starts the in-process sandbox they point at). Every
    /// diagnostic of a refused file is printed on stderr, then exit 2; a sandbox that cannot
    /// listen is exit 1.
    public func load(environment: [String: String], logger: Logger) async throws(RuntimeExit) -> LoadedProfiles {
        if demo {
            do {
                let sandbox = try await SandboxServer.start(credentials: DemoMerchants.credentials, logger: logger)
                let profiles = DemoMerchants.profiles(baseURL: sandbox.baseURL)
                return LoadedProfiles(set: ProfileSet(source: "DEMO", profiles: profiles), sandbox: sandbox)
            } catch {
                Console.error("could not start the demo sandbox on loopback: \(error)")
                throw RuntimeExit.failure
            }
        }
        let path = location(environment: environment).path
        do throws(ConfigError) {
            let set = try await ProfilesLoader.loadOffPool(path: path, environment: environment, strict: strict)
            for warning in set.warnings {
                FileHandle.standardError.write(Data((TerminalText.escapedLines(warning.description) + "\n").utf8))
            }
            return LoadedProfiles(set: set, sandbox: nil)
        } catch {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data((TerminalText.escapedLines(diagnostic.description) + "\n").utf8))
            }
            throw RuntimeExit.configuration
        }
    }
}
