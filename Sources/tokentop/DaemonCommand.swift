import ArgumentParser
import Foundation
import Runtime

/// `tokentop daemon`: the auth service with no screen, for systemd.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Keep tokens fresh with no screen (for systemd): logs to stderr, serves metrics.",
        discussion: """
            Logs one human line per refresh on stderr (--log-level, default info) and every attempt to \
            the result log. --metrics [ADDR:]PORT serves GET /metrics (Prometheus) and GET /healthz \
            (200 when every enabled profile holds a valid token, else 503 naming the failing ones); \
            the address is loopback unless ADDR is given, port 0 picks a free one, and the bound \
            address is logged. Signals: SIGTERM or SIGINT stops gracefully (requests in flight are \
            cancelled and still logged, sink writes and hooks in progress finish) and exits 0; a second \
            SIGTERM or SIGINT while stopping exits at once with 128+n; SIGHUP reloads the profiles \
            file (an invalid file is reported and the running profiles are kept). Under systemd \
            (Type=notify) it reports READY=1 after the first round of fetches, RELOADING=1/READY=1 \
            around a reload, STOPPING=1, and WATCHDOG=1 when WatchdogSec= is set. \
            \(ExitStatusTable.help(for: "daemon"))
            """)

    @OptionGroup var source: ProfileSourceOptions

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var socket: DaemonSocketOptions

    @OptionGroup var manualRefresh: ManualRefreshOptions

    @Option(
        name: .customLong("metrics"),
        help: ArgumentHelp(
            "Serve /metrics and /healthz on [ADDR:]PORT (loopback unless ADDR is given; 0 picks a free port).",
            valueName: "[ADDR:]PORT"))
    var metricsAddress: String?

    func validate() throws {
        if let metricsAddress {
            if let problem = ArgumentChecks.metricsAddressProblem(metricsAddress) { throw ValidationError(problem) }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = logging.bootstrap(defaultLevel: .info)
        let settings = DaemonSettings(
            source: source.settings, resultLog: logging.resultLog,
            socketPath: socket.resolvedPath(environment: environment),
            // Checked in validate().
            socketGroup: socket.group, socketGroupCanAct: socket.groupCanAct,
            metrics: metricsAddress.flatMap(ArgumentChecks.metricsAddress),
            manualRefreshInterval: manualRefresh.interval)
        do throws(RuntimeExit) {
            try await DaemonRun(settings: settings, environment: environment, logger: logger).run()
        } catch {
            throw ExitCode(error.status)
        }
    }
}
