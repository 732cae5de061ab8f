import ArgumentParser
import Foundation
import Runtime

/// `tokentop` (the default subcommand): the live dashboard over the auth service.
struct DashboardRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Keep tokens fresh and show them on a live terminal dashboard (the default).",
        discussion: """
            Keys: press ? inside the dashboard. The mouse selects and scrolls (--no-mouse leaves it to \
            the terminal). A profile turning expired, rejected or failing rings the bell (--visual-bell \
            flashes, --no-bell keeps quiet) and is named in a banner until a acknowledges it. \
            Themes: --theme NAME looks in \
            $XDG_CONFIG_HOME/tokentop/themes, then <prefix>/share/tokentop/themes beside <prefix>/bin/tokentop \
            ($TOKENTOP_THEMES instead, when set), then the themes built into the binary; --theme PATH \
            reads that file. Needs a terminal; for scripts use `tokentop check`. \
            A daemon for the same profiles file (at its default socket, or found through the state \
            directory) is attached to rather than run twice; --socket PATH attaches to the tokentop \
            serving PATH whatever profiles file it serves. \
            Environment: without a UTF-8 locale the screen is drawn in ASCII (TOKENTOP_ASCII=1 asks \
            for it anyway); NO_COLOR (non-empty) drops colours; ESCDELAY (milliseconds, 1-1000, \
            default 25) is how long a lone Esc waits for the rest of a key's sequence. \
            \(ExitStatusTable.help(for: "dashboard"))
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

    @Flag(
        name: .customLong("no-mouse"),
        help: "Leave the mouse to the terminal (no click to select, no wheel scrolling).")
    var noMouse = false

    @Flag(
        name: .customLong("visual-bell"),
        help: "Flash the screen instead of ringing the bell when a profile turns expired, rejected or failing.")
    var visualBell = false

    @Flag(
        name: .customLong("no-bell"),
        help: "No bell and no flash when a profile turns bad (the header's banner still names it).")
    var noBell = false

    @OptionGroup var manualRefresh: ManualRefreshOptions

    func validate() throws {
        if visualBell && noBell { throw ValidationError("--visual-bell flashes, --no-bell keeps quiet: pick one") }
        guard let socket else { return }
        if manualRefresh.seconds != nil {
            throw ValidationError(
                "--manual-refresh-interval sets this dashboard's own refresher; attached with --socket, the other tokentop's applies: drop it"
            )
        }
        if socket.isEmpty { throw ValidationError("--socket needs a path") }
        if source.demo { throw ValidationError("--socket attaches to another tokentop; --demo runs its own: pick one") }
        if source.config != nil {
            throw ValidationError("--socket shows whatever profiles file that socket serves; drop --config")
        }
    }

    func run() async throws {
        let settings = DashboardSettings(
            source: source.settings, resultLog: logging.resultLog, theme: theme, socket: socket,
            screen: ScreenOptions(noMouse: noMouse, visualBell: visualBell, noBell: noBell),
            manualRefreshInterval: manualRefresh.interval)
        do throws(RuntimeExit) {
            try await DashboardRun(settings: settings, environment: ProcessInfo.processInfo.environment).run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
