import ArgumentParser
import Dashboard
import Foundation
import Logging
import Terminal
import TokentopCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tokentop` (the default subcommand): the live dashboard over the auth service.
struct DashboardRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Keep tokens fresh and show them on a live terminal dashboard (the default).",
        discussion: """
            Keys: press ? inside the dashboard. Themes: --theme NAME looks in \
            $XDG_CONFIG_HOME/tokentop/themes, then the bundled themes ($TOKENTOP_THEMES overrides where \
            those are); --theme PATH reads that file. Needs a terminal; for scripts use `tokentop check`. \
            Exit status: 0 after q, 2 on configuration errors or without a terminal.
            """)

    @OptionGroup var source: ProfileSourceOptions

    @Option(help: ArgumentHelp("Theme name, or the path of a .theme file.", valueName: "NAME|PATH"))
    var theme: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if logging.logPath == "-" {
            Console.error("--log - would write over the dashboard; give a file, or use `tokentop check --log -`")
            throw ExitCode(2)
        }
        if !source.demo {
            let location = ProfilesLocation.resolve(explicit: source.config, environment: environment)
            if !FileManager.default.fileExists(atPath: location.path) {
                Console.error(
                    """
                    no profiles file at \(location.path) (\(location.reason))
                      try the built-in demo:   tokentop --demo
                      or write a template:     tokentop init
                    """)
                throw ExitCode(2)
            }
        }
        if let reason = TerminalCheck.problem(environment: environment) {
            Console.error("\(reason); the dashboard needs an interactive terminal. For scripts and pipes use `tokentop check`.")
            throw ExitCode(2)
        }

        // swift-log must not write to the screen curses owns.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let logger = Logger(label: "tokentop")
        let loaded = try await source.load(environment: environment, logger: logger)
        let resultLog: ResultLog
        do {
            resultLog = try logging.openResultLog(environment: environment)
        } catch {
            await loaded.sandbox?.stop()
            throw error
        }

        let themes = ThemeLoader(environment: environment, bundledDirectory: BundledThemes.directory(environment: environment))
        let (chosen, themeError) = themes.loadOrDefault(theme ?? Theme.builtinDefault.name)
        var names = themes.availableNames()
        if !names.contains(chosen.name) { names.append(chosen.name) }

        let transport = HTTPTokenTransport(maxConnectionsPerHost: loaded.set.concurrency)
        let service = AuthService(
            profiles: loaded.set.profiles, client: TokenClient(transport: transport),
            concurrency: loaded.set.concurrency, resultLog: resultLog, logger: logger)

        let outcome: Result<LoopExit, TerminalError>
        do {
            let inbox = try MessageInbox()
            let events = await service.events()
            await service.start()
            var state = DashboardState(
                profiles: await service.snapshot(), configSource: loaded.set.source, now: Date(),
                themeName: chosen.name, themeNames: names)
            if let themeError { state.notice = "theme: \(themeError.description)" }
            let forwarder = Task {
                for await event in events { inbox.post(.auth(event)) }
            }
            let loop = DashboardLoop(themes: themes, environment: environment)
            do {
                outcome = .success(
                    try await loop.run(state: state, theme: chosen, inbox: inbox) { command in
                        Task { await DashboardRunCommand.perform(command, on: service, inbox: inbox) }
                    })
            } catch {
                outcome = .failure(error)
            }
            forwarder.cancel()
        } catch {
            outcome = .failure(error)
        }

        await service.shutdown()
        await transport.shutdown()
        await loaded.sandbox?.stop()
        switch outcome {
        case .success(let exit):
            if exit.exitStatus != 0 { throw ExitCode(exit.exitStatus) }
        case .failure(let error):
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// Runs a dashboard command on the auth service; failures come back as a notice.
    static func perform(_ command: DashboardCommand, on service: AuthService, inbox: MessageInbox) async {
        do {
            switch command {
            case .refresh(let name): _ = try await service.refresh(name)
            case .refreshAll: _ = await service.refreshAll()
            case .togglePause(let name): try await service.togglePause(name)
            case .quit, .repaint, .setTheme: break
            }
        } catch {
            inbox.post(.notice(error.description))
        }
    }
}
