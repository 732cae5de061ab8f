import Control
import Dashboard
import Foundation
import Logging
import Terminal
import TokenModel

/// The live dashboard (`tokentop`): refreshes and shows the tokens when this process takes the
/// instance lock (`DashboardOwner`), or shows the process that refreshes them
/// (`DashboardViewer`); `--socket PATH` always views.
///
/// Exit status: 0 after q, 2 on configuration errors, without a terminal, or when nothing
/// answers on --socket; a signal's own status when one ends the screen.
public struct DashboardRun: Sendable {
    public let settings: DashboardSettings
    public let environment: [String: String]

    public init(settings: DashboardSettings, environment: [String: String]) {
        self.settings = settings
        self.environment = environment
    }

    public func run() async throws(RuntimeExit) {
        // It holds secrets: no core file, no other process attaching.
        CoreDumpGuard.apply()
        if settings.resultLog.path == "-" {
            Console.error("--log - would write over the dashboard; give a file, or use `tokentop check --log -`")
            throw RuntimeExit.configuration
        }
        let themes = ThemeChoice(asked: settings.theme, environment: environment)
        if let socket = settings.socket {
            let path = DaemonSocketPath.absolute(socket, environment: environment)
            return try await DashboardViewer.attach(
                to: path, themes: themes, environment: environment, screen: settings.screen)
        }
        let source = settings.source
        if !source.demo {
            let location = source.location(environment: environment)
            if !FileManager.default.fileExists(atPath: location.path) {
                Console.error(
                    """
                    no profiles file at \(location.path) (\(location.reason))
                      try the built-in demo:   tokentop --demo
                      or write a template:     tokentop init
                    """)
                throw RuntimeExit.configuration
            }
        }
        if let reason = TerminalCheck.problem(environment: environment) {
            Console.error(
                "\(reason); the dashboard needs an interactive terminal. For scripts and pipes use `tokentop check`.")
            throw RuntimeExit.configuration
        }

        DescriptorLimit.raiseToHard()
        // swift-log must not write to the screen curses owns.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let logger = Logger(label: "tokentop")
        let owner = DashboardOwner(settings: settings, themes: themes, environment: environment, logger: logger)
        guard !source.demo else { return try await owner.run(instance: nil) }

        // One refresher per profiles file: take its lock, or view whoever holds it.
        let directory = InstanceDirectory(
            configPath: source.location(environment: environment).path, environment: environment)
        let role: InstanceRole
        let fresh: FreshDirectories
        do {
            fresh = FreshDirectories(made: try directory.create())
            role = try await InstanceRole.resolve(directory, environment: environment)
        } catch {
            // May quote what another process wrote (its owner record, its socket's answer): one line.
            Console.error(TerminalText.escaped("\(error)"))
            throw RuntimeExit.configuration
        }
        switch role {
        case .owner(let lock):
            defer { lock.release() }
            // A profiles file refused (an error, or a warning under --strict) leaves nothing
            // behind: the lock file is unlinked while still held, and only directories this
            // run created (hence empty) are removed.
            try await owner.run(instance: directory) { fresh.remove(files: [directory.lockPath]) }
        case .viewer(let remote):
            try await DashboardViewer(remote: remote, themes: themes, environment: environment, screen: settings.screen)
                .run()
        }
    }
}
