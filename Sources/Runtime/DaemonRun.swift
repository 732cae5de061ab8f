import Control
import Foundation
import Logging
import Operations
import Refresh
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tokentop daemon`: the refresher with no screen. Logs one line per refresh outcome, serves
/// the control socket (and metrics with `--metrics`), reloads on SIGHUP and stops on
/// SIGTERM/SIGINT through `OwnerRun`'s one stop sequence. Under systemd (`$NOTIFY_SOCKET`) it
/// reports readiness, reloads, the stop and watchdog pings (see `SystemdNotifier`).
///
/// Exit status: 0 after SIGTERM/SIGINT, 1 when the metrics address cannot be served (or the
/// demo sandbox cannot listen), 2 on configuration errors, 128+n for a second signal while
/// stopping.
public struct DaemonRun: Sendable {
    public let settings: DaemonSettings
    public let environment: [String: String]
    public let logger: Logger

    public init(settings: DaemonSettings, environment: [String: String], logger: Logger) {
        self.settings = settings
        self.environment = environment
        self.logger = logger
    }

    public func run() async throws(RuntimeExit) {
        // First, so a SIGTERM or SIGHUP during start-up is held until the service can act on it.
        let signals = await ProcessSignals.trap()
        defer { signals.restore() }
        // It holds secrets: no core file, no other process attaching.
        CoreDumpGuard.apply()
        DescriptorLimit.raiseToHard()
        // systemd's notification variables are read once and removed, so nothing the daemon
        // starts (hooks, `{command:}` secrets) can notify in its name.
        let notify = NotifyEnvironment.parse(environment, pid: getpid())
        for name in NotifyEnvironment.variables { unsetenv(name) }
        let environment = NotifyEnvironment.removing(from: self.environment)
        let notifier = SystemdNotifier.forEnvironment(notify, logger: logger)
        let source = settings.source
        let location = source.location(environment: environment)
        if !source.demo && !FileManager.default.fileExists(atPath: location.path) {
            Console.error(
                "no profiles file at \(location.path) (\(location.reason)); write one with `tokentop init`, or try --demo"
            )
            throw RuntimeExit.configuration
        }
        let socketPath = settings.socketPath
        if let problem = UnixSocketPath.problem(socketPath) {
            Console.error(problem)
            throw RuntimeExit.configuration
        }

        // The profiles first: a bad file is reported before anything is created (no instance
        // directory, lock, log, socket or sink). The --demo sandbox logs every request at info:
        // too chatty for the daemon's journal.
        var sandboxLogger = logger
        sandboxLogger.logLevel = max(logger.logLevel, .warning)
        let loaded = try await source.load(environment: environment, logger: sandboxLogger)

        // One refresher per profiles file: the daemon takes the instance lock or refuses.
        let instance = source.demo ? nil : InstanceDirectory(configPath: location.path, environment: environment)
        let lock: InstanceLock?
        do throws(RuntimeExit) {
            if let instance { lock = try DaemonLock.take(instance) } else { lock = nil }
        } catch {
            await loaded.sandbox?.stop()
            throw error
        }
        defer { lock?.release() }

        var policy = RefreshPolicy()
        if let interval = settings.manualRefreshInterval { policy.manualRefreshInterval = interval }
        let owner = try await OwnerRun.start(
            loaded, instance: instance, resultLog: settings.resultLog, policy: policy, environment: environment,
            strict: source.strict, notifier: notifier, logger: logger)
        let service = owner.refresher.auth
        let metrics = TokenMetrics()
        let events = await service.events()
        // Taken after subscribing and before the service runs: every first attempt is seen.
        await notifier?.begin(
            statuses: await service.snapshot(),
            sinkProfiles: Set(loaded.set.profiles.filter { $0.sink != nil }.map(\.name)))

        var operations: OperationsServer?
        if let bindAddress = settings.metrics {
            var serverLogger = logger
            serverLogger.logLevel = max(logger.logLevel, .warning)
            do throws(OperationsServerError) {
                operations = try await OperationsServer.start(
                    at: bindAddress, metrics: metrics, margin: policy.expiryMargin,
                    snapshot: { await service.snapshot() }, logger: serverLogger)
            } catch {
                Console.error(error.description)
                await owner.stopEarly()
                throw RuntimeExit.failure
            }
        }

        // Dashboards attach here (found through the instance's owner.json, or at the default
        // socket when their state directory differs) and send r/R/p/reload.
        let control: ControlServer
        do {
            if let warning = try SocketDirectory.prepare(
                of: socketPath, group: settings.socketGroup.flatMap(SocketDirectory.groupID))
            {
                logger.warning("\(warning)")
            }
            let access: SocketAccess = try settings.socketGroup.map { try SocketAccess.group(named: $0) } ?? .owner
            control = try await ControlServer.bind(
                path: socketPath, service: owner.reloads.tokenService(trigger: "socket"), history: owner.history,
                role: .daemon,
                config: instance?.configPath ?? "DEMO", access: access,
                authority: ControlAuthority(othersMayAct: settings.socketGroupCanAct), logger: logger)
        } catch {
            Console.error("cannot serve the control socket: \(error)")
            await operations?.stop()
            await owner.stopEarly()
            throw RuntimeExit.configuration
        }
        do {
            try owner.publishOwner(role: .daemon, socket: socketPath)
        } catch {
            logger.warning("dashboards will not find this daemon: \(error)")
        }

        let forwarder = EventForwarder(events: events, drains: true) { event in
            await metrics.observe(event)
            DaemonLogLines.log(event, to: logger)
            await notifier?.observe(event)
        }
        let profiles = loaded.set.profiles
        let started = DaemonStartLines(
            profiles: profiles.count, enabled: profiles.count(where: \.enabled), source: loaded.set.source,
            resultLog: owner.resultLog, metrics: operations?.address, socket: socketPath)
        var parts = OwnerParts(
            control: control, ownerPath: instance?.ownerPath, metrics: operations, events: forwarder,
            reloadSignals: signals.hangup,
            onStarted: {
                started.log(to: logger)
                await notifier?.daemonStarted()
            })
        if let notifier, let interval = notify.watchdogInterval {
            parts.watchdog = WatchdogService(interval: interval, notifier: notifier, sleep: TimeSource.system.sleep)
        }
        var failure: (any Error)?
        do {
            _ = try await owner.run(parts) { group in
                await signals.watchStop(logger: logger) {
                    await notifier?.stop()
                    await group.triggerGracefulShutdown()
                }
            }
        } catch {
            // A part ended on its own (none does but at the stop): the others were cancelled.
            logger.error("stopping after an error: \(error)")
            failure = error
        }
        await notifier?.stop()
        logger.info("stopped")
        if failure != nil { throw RuntimeExit.failure }
    }
}
