import ArgumentParser
import Control
import Dashboard
import Foundation
import Logging
import Profiles
import ResultLog
import Runtime
import Terminal
import TokenModel

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
            $XDG_CONFIG_HOME/tokentop/themes, then <prefix>/share/tokentop/themes beside <prefix>/bin/tokentop \
            ($TOKENTOP_THEMES instead, when set), then the themes built into the binary; --theme PATH \
            reads that file. Needs a terminal; for scripts use `tokentop check`. \
            A daemon for the same profiles file (at its default socket, or found through the state \
            directory) is attached to rather than run twice; --socket PATH attaches to the tokentop \
            serving PATH whatever profiles file it serves. \
            Exit status: 0 after q, 2 on configuration errors, without a terminal, or when nothing \
            answers on --socket.
            """)

    @OptionGroup var source: ProfileSourceOptions

    @Option(help: ArgumentHelp("Theme name, or the path of a .theme file.", valueName: "NAME|PATH"))
    var theme: String?

    @OptionGroup var logging: LoggingOptions

    @Option(
        name: .customLong("socket"),
        help: ArgumentHelp(
            "Attach to the tokentop serving this control socket, whatever profiles file it serves (e.g. a daemon run with --socket-group).",
            valueName: "PATH"))
    var socket: String?

    func validate() throws {
        guard let socket else { return }
        if socket.isEmpty { throw ValidationError("--socket needs a path") }
        if source.demo { throw ValidationError("--socket attaches to another tokentop; --demo runs its own: pick one") }
        if source.config != nil {
            throw ValidationError("--socket shows whatever profiles file that socket serves; drop --config")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if logging.logPath == "-" {
            Console.error("--log - would write over the dashboard; give a file, or use `tokentop check --log -`")
            throw ExitCode(2)
        }
        if let socket {
            return try await runAttached(to: DaemonSocketPath.absolute(socket, environment: environment), environment: environment)
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

        // One refresher per profiles file: take its lock, or view whoever holds it.
        if !source.demo {
            let location = ProfilesLocation.resolve(explicit: source.config, environment: environment)
            let directory = InstanceDirectory(configPath: location.path, environment: environment)
            do {
                let fresh = FreshDirectories(made: try directory.create())
                switch try await InstanceRole.resolve(directory, environment: environment) {
                case .owner(let lock):
                    defer { lock.release() }
                    // A profiles file refused (an error, or a warning under --strict) leaves
                    // nothing behind: the lock file is unlinked while still held, and only
                    // directories this run created (hence empty) are removed.
                    return try await runOwner(instance: directory, environment: environment, logger: logger) {
                        fresh.remove(files: [directory.lockPath])
                    }
                case .viewer(let remote):
                    return try await runViewer(remote, environment: environment)
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                Console.error("\(error)")
                throw ExitCode(2)
            }
        }
        try await runOwner(instance: nil, environment: environment, logger: logger)
    }

    /// This process refreshes: the auth service, the dashboard over it, and (with an instance
    /// directory) the control socket a second dashboard attaches to.
    private func runOwner(
        instance: InstanceDirectory?, environment: [String: String], logger: Logger,
        configurationRefused: () -> Void = {}
    ) async throws {
        var loaded: ProfileSourceOptions.Loaded
        do {
            loaded = try await source.load(environment: environment, logger: logger)
        } catch {
            configurationRefused()
            throw error
        }
        let resultLog: ResultLog
        do {
            resultLog = try logging.openResultLog(environment: environment)
        } catch {
            await loaded.sandbox?.stop()
            throw error
        }
        let (themes, chosen, names, themeError) = loadThemes(environment: environment)

        let refresher: Refresher
        do {
            refresher = try Refresher.make(
                set: loaded.set, instance: instance, resultLog: resultLog, environment: environment,
                strict: source.strict, logger: logger)
        } catch {
            Console.error(error.description)
            await loaded.sandbox?.stop()
            throw ExitCode(2)
        }
        // The auth service holds the profiles from here on; this copy of the list would stay
        // alive for the whole run (tens of megabytes with 100,000 profiles).
        loaded.set.profiles = []
        let auth = refresher.auth
        let service = ReloadingTokenService(auth) {
            guard refresher.configPath != nil else { throw TokenServiceError.reloadUnavailable }
            return await refresher.reload()
        }

        // Serve viewers: a second dashboard on this file attaches here instead of refreshing too.
        var server: ControlServer?
        var serverTask: Task<Void, Never>?
        var serveProblem: String?
        if let instance {
            do {
                let path = try instance.dashboardSocketPath(environment: environment)
                let bound = try await ControlServer.bind(path: path, service: service, role: .dashboard, config: instance.configPath)
                try OwnerRecord(role: .dashboard, socket: path, config: instance.configPath, protocol: ControlProtocol.version)
                    .write(to: instance.ownerPath)
                server = bound
                serverTask = Task { await bound.run() }
            } catch {
                serveProblem = "not serving other dashboards: \(error)"
            }
        }

        let outcome: Result<LoopExit, TerminalError>
        do {
            let inbox = try MessageInbox()
            let events = await auth.events()
            await auth.start()
            // The literal-secret warning is printed to stderr too, but the screen covers that at
            // once: the footer keeps it in view (it wins over the other notices).
            let warning = loaded.set.warnings.first.map { DaemonLogLines.oneLine($0.description) }
            let notice = warning ?? serveProblem ?? themeError.map { "theme: \($0.description)" }
            let source = loaded.set.source
            let forwarder = Task {
                // Held back while the screen is behind: see `MessageInbox.post(_:holdingAt:)`.
                for await event in events { await inbox.post(.auth(event), holdingAt: 1_024) }
            }
            let loop = DashboardLoop(themes: themes, environment: environment)
            do {
                outcome = .success(
                    // The state is built in the call so the loop holds the only reference to its
                    // profile list (see `DashboardLoop.run`).
                    try await loop.run(
                        state: Self.ownerState(
                            profiles: await auth.snapshot(), source: source, theme: chosen.name, themeNames: names,
                            notice: notice),
                        theme: chosen, inbox: inbox
                    ) { command in
                        Task { await DashboardRunCommand.perform(command, on: service, inbox: inbox) }
                    })
            } catch {
                outcome = .failure(error)
            }
            forwarder.cancel()
        } catch {
            outcome = .failure(error)
        }

        // Close the socket first, then stop the service: that answers any refresh a viewer is
        // still waiting for, so quitting never waits for viewers' requests to finish.
        await server?.close()
        if let instance { OwnerRecord.removeIfOwned(at: instance.ownerPath) }
        await refresher.shutdown()
        await serverTask?.value
        await loaded.sandbox?.stop()
        try Self.finish(outcome)
    }

    private static func ownerState(
        profiles: [ProfileStatus], source: String, theme: String, themeNames: [String], notice: String?
    ) -> DashboardState {
        var state = DashboardState(
            profiles: profiles, configSource: source, now: Date(), themeName: theme, themeNames: themeNames)
        if let notice { state.notice = notice }
        return state
    }

    /// `--socket PATH`: view whichever tokentop answers there, or refuse (exit 2) when none does.
    private func runAttached(to path: String, environment: [String: String]) async throws {
        let client: ControlClient
        do {
            client = try await ControlClient.connect(path: path)
        } catch {
            Console.error(
                "nothing tokentop answers on --socket \(path): \(error.description); start the daemon there, or check the path")
            throw ExitCode(2)
        }
        if let reason = TerminalCheck.problem(environment: environment) {
            client.close()
            Console.error("\(reason); the dashboard needs an interactive terminal. For scripts and pipes use `tokentop check`.")
            throw ExitCode(2)
        }
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        try await runViewer(RemoteTokenService(client: client), environment: environment)
    }

    /// Another process refreshes: show its profiles (and the profiles file it serves, from its
    /// hello) and send it our keys. It never sends tokens, so copying needs a standalone
    /// dashboard (or a sink).
    private func runViewer(_ remote: RemoteTokenService, environment: [String: String]) async throws {
        let (themes, chosen, names, themeError) = loadThemes(environment: environment)
        let owner = remote.hello
        let configSource = owner.config
        let attached = "attached to \(owner.role.rawValue) pid \(owner.pid)"
        let outcome: Result<LoopExit, TerminalError>
        do {
            let inbox = try MessageInbox()
            let updates = remote.updates()
            var state = DashboardState(
                profiles: await remote.snapshot(), configSource: configSource, now: Date(), themeName: chosen.name,
                themeNames: names, modeLabel: attached)
            state.canCopyTokens = false
            if let themeError { state.notice = "theme: \(themeError.description)" }
            let client = remote.client
            let forwarder = Task {
                for await update in updates {
                    switch update {
                    case .snapshot(let profiles): inbox.post(.snapshot(profiles))
                    case .event(let event): inbox.post(.auth(event))
                    }
                }
                guard !Task.isCancelled else { return }
                // Not taking over: the operator restarts to become the refresher, on purpose.
                inbox.post(.mode("detached: \(owner.role.rawValue) pid \(owner.pid) went away"))
                inbox.post(
                    .notice(
                        "the \(owner.role.rawValue) that refreshes these tokens went away (\(client.closedReason ?? "closed")); "
                            + "quit and start tokentop again to refresh here"))
            }
            let loop = DashboardLoop(themes: themes, environment: environment)
            do {
                outcome = .success(
                    try await loop.run(state: state, theme: chosen, inbox: inbox) { command in
                        Task { await DashboardRunCommand.perform(command, on: remote, inbox: inbox) }
                    })
            } catch {
                outcome = .failure(error)
            }
            forwarder.cancel()
        } catch {
            outcome = .failure(error)
        }
        remote.client.close()
        try Self.finish(outcome)
    }

    private func loadThemes(environment: [String: String]) -> (ThemeLoader, Theme, [String], ThemeError?) {
        let themes = ThemeLoader(
            environment: environment, bundledDirectory: InstalledThemes.directory(environment: environment),
            builtIn: BuiltInThemes.texts)
        let (chosen, themeError) = themes.loadOrDefault(theme ?? Theme.builtinDefault.name)
        var names = themes.availableNames()
        if !names.contains(chosen.name) { names.append(chosen.name) }
        return (themes, chosen, names, themeError)
    }

    private static func finish(_ outcome: Result<LoopExit, TerminalError>) throws {
        switch outcome {
        case .success(let exit):
            if exit.exitStatus != 0 { throw ExitCode(exit.exitStatus) }
        case .failure(let error):
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// Runs a dashboard command on the token service (local, or the owner over its socket);
    /// outcomes and failures come back as notices.
    static func perform(_ command: DashboardCommand, on service: any TokenService, inbox: MessageInbox) async {
        do {
            switch command {
            case .refresh(let name): _ = try await service.refresh(name)
            case .refreshAll: _ = try await service.refreshAll(includeRejected: false)
            case .togglePause(let name): try await service.togglePause(name)
            case .copyToken(let name, let header):
                guard let token = await service.token(for: name) else {
                    inbox.post(.notice("\(name) holds no valid token to copy right now"))
                    return
                }
                let text = header ? "Authorization: Bearer " + token.value.reveal() : token.value.reveal()
                inbox.postClipboard(SecretString(text))
                let what = header ? "the Authorization header" : "the token"
                inbox.post(.info("copied \(what) of \(name) (fingerprint \(token.fingerprint)) to the clipboard"))
            case .reload:
                let summary = try await service.reload()
                inbox.post(.snapshot(await service.snapshot()))
                let text = summary.map(ReloadText.describe) ?? "profiles file reloaded"
                let failed = !(summary?.errors.isEmpty ?? true)
                inbox.post(failed ? .notice(text) : .info(text))
            case .quit, .repaint, .setTheme: break
            }
        } catch {
            inbox.post(.notice("\(error)"))
        }
    }
}
