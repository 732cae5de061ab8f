import Control
import Dashboard
import Foundation
import Logging
import Terminal

/// A dashboard over another process that refreshes: shows its profiles (and the profiles file
/// it serves, from its hello) and sends it our keys. It never sends tokens, so copying needs a
/// standalone dashboard (or a sink).
struct DashboardViewer: Sendable {
    let remote: RemoteTokenService
    let themes: ThemeChoice
    let environment: [String: String]
    /// Mouse and bell, as the command line asked.
    var screen = ScreenOptions()

    /// `--socket PATH`: view whichever tokentop answers there, or refuse (exit 2) when none does.
    static func attach(
        to path: String, themes: ThemeChoice, environment: [String: String], screen: ScreenOptions
    ) async throws(RuntimeExit) {
        let client: ControlClient
        do {
            client = try await ControlClient.connect(path: path)
        } catch {
            Console.error(
                "nothing tokentop answers on --socket \(path): \(error.description); start the daemon there, or check the path"
            )
            throw RuntimeExit.configuration
        }
        if let reason = TerminalCheck.problem(environment: environment) {
            client.close()
            Console.error(
                "\(reason); the dashboard needs an interactive terminal. For scripts and pipes use `tokentop check`.")
            throw RuntimeExit.configuration
        }
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        try await DashboardViewer(
            remote: RemoteTokenService(client: client), themes: themes, environment: environment, screen: screen
        ).run()
    }

    func run() async throws(RuntimeExit) {
        let owner = remote.hello
        let attached = "attached to \(owner.role.rawValue) pid \(owner.pid)"
        let outcome: Result<LoopExit, TerminalError>
        do {
            let inbox = try MessageInbox()
            let updates = remote.updates()
            var state = DashboardState(
                profiles: await remote.snapshot(), configSource: owner.config, now: Date(),
                themeName: themes.chosen.name,
                themeNames: themes.names, modeLabel: attached)
            state.canCopyTokens = false
            state.canAct = owner.mayAct
            if let themeError = themes.error { state.notice = "theme: \(themeError.description)" }
            screen.prepare(&state, ownRefresher: false)
            let client = remote.client
            let loop = screen.loop(themes: themes.loader, environment: environment)
            let commands = DashboardCommandQueue(service: remote, inbox: inbox)
            outcome = await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await commands.run() }
                // What happened before this start, asked of the refresher.
                group.addTask { await HistoryAtStart.load(from: remote, into: inbox) }
                group.addTask {
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
                let ended: Result<LoopExit, TerminalError>
                do throws(TerminalError) {
                    ended = .success(
                        try await loop.run(state: state, theme: themes.chosen, inbox: inbox) { command in
                            commands.submit(command)
                        })
                } catch {
                    ended = .failure(error)
                }
                // The commands still waiting on the owner end with the connection.
                commands.finish()
                client.close()
                group.cancelAll()
                return ended
            }
        } catch {
            outcome = .failure(error)
        }
        remote.client.close()
        try LoopOutcome.finish(outcome)
    }
}
