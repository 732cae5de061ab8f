import Control
import Dashboard
import Foundation
import Logging
import Refresh
import Terminal
import TokenModel

/// A dashboard that refreshes: the refresher and the screen over it, and (with an instance
/// directory) the control socket a second dashboard attaches to, all through `OwnerRun`. The
/// screen keeps its own signal pipe (ncurses needs it); when it ends, the group stops in order.
struct DashboardOwner: Sendable {
    let settings: DashboardSettings
    let themes: ThemeChoice
    let environment: [String: String]
    let logger: Logger

    func run(instance: InstanceDirectory?, configurationRefused: () -> Void = {}) async throws(RuntimeExit) {
        var loaded: LoadedProfiles
        do throws(RuntimeExit) {
            loaded = try await settings.source.load(environment: environment, logger: logger)
        } catch {
            configurationRefused()
            throw error
        }
        var policy = RefreshPolicy()
        if let interval = settings.manualRefreshInterval { policy.manualRefreshInterval = interval }
        let owner = try await OwnerRun.start(
            loaded, instance: instance, resultLog: settings.resultLog, policy: policy, environment: environment,
            strict: settings.source.strict, logger: logger)
        let source = loaded.set.source
        let warning = loaded.set.warnings.first.map { DaemonLogLines.oneLine($0.description) }
        // The auth service holds the profiles from here on; this copy of the list would stay
        // alive for the whole run, as large as the profiles file.
        loaded.set.profiles = []
        let auth = owner.refresher.auth

        let inbox: MessageInbox
        do {
            inbox = try MessageInbox()
        } catch {
            await owner.stopEarly()
            Console.error(error.description)
            throw RuntimeExit.configuration
        }

        // Serve viewers: a second dashboard on this file attaches here instead of refreshing too.
        var server: ControlServer?
        var serveProblem: String?
        if let instance {
            do {
                let path = try instance.dashboardSocketPath(environment: environment)
                let bound = try await ControlServer.bind(
                    path: path, service: owner.reloads.tokenService(trigger: "socket"), history: owner.history,
                    role: .dashboard,
                    config: instance.configPath)
                server = bound
                try owner.publishOwner(role: .dashboard, socket: path)
            } catch {
                serveProblem = "not serving other dashboards: \(error)"
            }
        }

        let events = await auth.events()
        let forwarder = EventForwarder(events: events, drains: false) { event in
            // Held back while the screen is behind: see `MessageInbox.post(_:holdingAt:)`.
            await inbox.post(.auth(event), holdingAt: 1_024)
        }
        // The literal-secret warning is printed to stderr too, but the screen covers that at
        // once: the footer keeps it in view (it wins over the other notices).
        let notice = warning ?? serveProblem ?? themes.error.map { "theme: \($0.description)" }
        let service = owner.reloads.tokenService(trigger: "Ctrl-R")
        let loop = settings.screen.loop(themes: themes.loader, environment: environment)
        let commands = DashboardCommandQueue(service: service, inbox: inbox)
        let parts = OwnerParts(control: server, ownerPath: instance?.ownerPath, events: forwarder, commands: commands)
        let outcome: Result<LoopExit, TerminalError>?
        do {
            outcome = try await owner.run(parts) { _ in
                // What happened before this start, read while the screen comes up.
                async let history: Void = HistoryAtStart.load(from: owner.history, into: inbox)
                let ended: Result<LoopExit, TerminalError>
                do throws(TerminalError) {
                    // The state is built in the call so the loop holds the only reference to
                    // its profile list (see `DashboardLoop.run`).
                    ended = .success(
                        try await loop.run(
                            state: Self.state(
                                profiles: await auth.snapshot(), source: source, themes: themes, notice: notice,
                                screen: settings.screen),
                            theme: themes.chosen, inbox: inbox
                        ) { command in commands.submit(command) })
                } catch {
                    ended = .failure(error)
                }
                await history
                return ended
            }
        } catch {
            Console.error("\(error)")
            throw RuntimeExit.configuration
        }
        try LoopOutcome.finish(outcome ?? .success(.quit))
    }

    private static func state(
        profiles: [ProfileStatus], source: String, themes: ThemeChoice, notice: String?, screen: ScreenOptions
    ) -> DashboardState {
        var state = DashboardState(
            profiles: profiles, configSource: source, now: Date(), themeName: themes.chosen.name,
            themeNames: themes.names)
        if let notice { state.notice = notice }
        screen.prepare(&state, ownRefresher: true)
        return state
    }
}
