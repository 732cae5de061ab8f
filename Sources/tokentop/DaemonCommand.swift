import ArgumentParser
import Control
import Foundation
import Logging
import Operations
import Profiles
import Refresh
import ResultLog
import Runtime
import TokenModel

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
            finished and logged) and exits 0; SIGHUP reloads the profiles file (an invalid file is \
            reported and the running profiles are kept). \
            Exit status: 0 after SIGTERM/SIGINT, 1 when the metrics address cannot be served, 2 on \
            usage or configuration errors.
            """)

    @OptionGroup var source: ProfileSourceOptions

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var socket: DaemonSocketOptions

    @Option(
        name: .customLong("metrics"),
        help: ArgumentHelp(
            "Serve /metrics and /healthz on [ADDR:]PORT (loopback unless ADDR is given; 0 picks a free port).",
            valueName: "[ADDR:]PORT"))
    var metricsAddress: String?

    func validate() throws {
        if let metricsAddress {
            do { _ = try BindAddress.parse(metricsAddress) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        // First, so a SIGTERM during start-up is held until the service can stop cleanly.
        let signals = DaemonSignals()
        defer { signals.cancel() }
        let environment = ProcessInfo.processInfo.environment
        let logger = logging.bootstrap(defaultLevel: .info)
        // Checked in validate().
        let bindAddress = metricsAddress.flatMap { try? BindAddress.parse($0) }
        let location = ProfilesLocation.resolve(explicit: source.config, environment: environment)
        if !source.demo && !FileManager.default.fileExists(atPath: location.path) {
            Console.error("no profiles file at \(location.path) (\(location.reason)); write one with `tokentop init`, or try --demo")
            throw ExitCode(2)
        }
        let socketPath = socket.resolvedPath(environment: environment)
        if let problem = UnixSocketPath.problem(socketPath) {
            Console.error(problem)
            throw ExitCode(2)
        }

        // The profiles first: a bad file is reported before anything is created (no instance
        // directory, lock, log, socket or sink). The --demo sandbox logs every request at info:
        // too chatty for the daemon's journal.
        var sandboxLogger = logger
        sandboxLogger.logLevel = max(logger.logLevel, .warning)
        let loaded = try await source.load(environment: environment, logger: sandboxLogger)

        // One refresher per profiles file: the daemon takes the instance lock or refuses.
        let instance = source.demo ? nil : InstanceDirectory(configPath: location.path, environment: environment)
        var lock: InstanceLock?
        if let instance {
            do {
                try instance.create()
                lock = try InstanceLock.acquire(at: instance.lockPath)
            } catch {
                Console.error("\(error)")
                await loaded.sandbox?.stop()
                throw ExitCode(2)
            }
            if lock == nil {
                let owner = OwnerRecord.read(from: instance.ownerPath)
                let who = owner.map { "another tokentop (\($0.role.rawValue), pid \($0.pid))" } ?? "another tokentop"
                Console.error(
                    """
                    \(who) already refreshes \(instance.configPath) (it holds \(instance.lockPath)); \
                    two refreshers for one profiles file are never run. Stop it first, or open a dashboard to view it.
                    """)
                await loaded.sandbox?.stop()
                throw ExitCode(2)
            }
        }
        defer { lock?.release() }

        let resultLog: ResultLog
        do {
            resultLog = try logging.openResultLog(environment: environment)
        } catch {
            await loaded.sandbox?.stop()
            throw error
        }
        let policy = RefreshPolicy()
        let refresher: Refresher
        do {
            refresher = try Refresher.make(
                set: loaded.set, instance: instance, resultLog: resultLog, policy: policy, environment: environment,
                strict: source.strict, logger: logger)
        } catch {
            Console.error(error.description)
            await loaded.sandbox?.stop()
            throw ExitCode(2)
        }
        let service = refresher.auth
        let metrics = TokenMetrics()
        let events = await service.events()
        let forwarder = Task {
            for await event in events {
                await metrics.observe(event)
                DaemonLogLines.log(event, to: logger)
            }
        }
        func stopEarly(_ status: Int32) async throws -> Never {
            await refresher.shutdown()
            _ = await forwarder.result
            await loaded.sandbox?.stop()
            throw ExitCode(status)
        }

        var operations: OperationsServer?
        if let bindAddress {
            var serverLogger = logger
            serverLogger.logLevel = max(logger.logLevel, .warning)
            do {
                operations = try await OperationsServer.start(
                    at: bindAddress, metrics: metrics, margin: policy.expiryMargin,
                    snapshot: { await service.snapshot() }, logger: serverLogger)
            } catch {
                Console.error(error.description)
                try await stopEarly(1)
            }
        }

        // Dashboards attach here (found through the instance's owner.json, or at the default
        // socket when their state directory differs) and send r/R/p/reload.
        let controlService = ReloadingTokenService(service) {
            guard refresher.configPath != nil else { throw TokenServiceError.reloadUnavailable }
            return await ProfilesReloader.reload(refresher, trigger: "socket", logger: logger)
        }
        let control: ControlServer
        do {
            if let warning = try DaemonSocketOptions.prepareDirectory(
                of: socketPath, group: socket.group.flatMap(DaemonSocketOptions.groupID))
            {
                logger.warning("\(warning)")
            }
            let access: SocketAccess = try socket.group.map { try SocketAccess.group(named: $0) } ?? .owner
            control = try await ControlServer.bind(
                path: socketPath, service: controlService, role: .daemon, config: instance?.configPath ?? "DEMO",
                access: access, logger: logger)
        } catch {
            Console.error("cannot serve the control socket: \(error)")
            await operations?.stop()
            try await stopEarly(2)
        }
        let controlTask = Task { await control.run() }
        if let instance {
            do {
                try OwnerRecord(role: .daemon, socket: socketPath, config: instance.configPath, protocol: ControlProtocol.version)
                    .write(to: instance.ownerPath)
            } catch {
                logger.warning("dashboards will not find this daemon: \(error)")
            }
        }

        await service.start()
        let profiles = loaded.set.profiles
        let enabled = profiles.count(where: \.enabled)
        logger.info(
            """
            daemon started (pid \(ProcessInfo.processInfo.processIdentifier)): \(profiles.count) profile\(profiles.count == 1 ? "" : "s") \
            (\(enabled) enabled) from \(loaded.set.source); result log \(Self.describe(resultLog.destination)); \
            metrics \(operations.map { $0.address.url } ?? "off"); socket \(socketPath)
            """)
        if let operations {
            logger.info("metrics listening on \(operations.address.url) (GET /metrics, GET /healthz)")
            if !operations.address.isLoopback {
                logger.warning("metrics on \(operations.address) can be reached from other machines: it names every profile")
            }
        }

        var stopSignal = SIGTERM
        for await number in signals.stream {
            if number == SIGHUP {
                if source.demo {
                    logger.warning("SIGHUP: --demo has no profiles file to reload; nothing changed")
                } else {
                    await ProfilesReloader.reload(refresher, trigger: "SIGHUP", logger: logger)
                }
                continue
            }
            stopSignal = number
            break
        }

        logger.info("\(DaemonSignals.name(stopSignal)): stopping; finishing requests in flight")
        // A second SIGTERM/SIGINT while stopping ends the process at once: every file tokentop
        // writes is replaced atomically or appended whole, so nothing is left half-written.
        let impatience = Task {
            for await number in signals.stream where number != SIGHUP {
                logger.warning("\(DaemonSignals.name(number)) again: exiting now without waiting")
                Foundation.exit(128 + number)
            }
        }
        defer { impatience.cancel() }
        await control.close()
        if let instance { OwnerRecord.removeIfOwned(at: instance.ownerPath) }
        // Waits for requests in flight (logged) and sink writes and hooks in progress; answers
        // any refresh a dashboard is still waiting for, so the socket's tasks can end.
        await refresher.shutdown()
        await controlTask.value
        // The service ends every event stream on shutdown: this waits for the last lines.
        await forwarder.value
        await operations?.stop()
        await loaded.sandbox?.stop()
        logger.info("stopped")
    }

    static func describe(_ destination: ResultLog.Destination) -> String {
        switch destination {
        case .file(let path): path
        case .standardOutput: "stdout"
        }
    }
}
