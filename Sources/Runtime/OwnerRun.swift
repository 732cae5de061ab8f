import Control
import Foundation
import Logging
import Operations
import Refresh
import ResultLog
import Sandbox
import ServiceLifecycle

/// The one start/stop sequence of a refreshing process: the daemon, or a dashboard that holds
/// the instance lock. It makes the refresher from the loaded profiles, offers the one reload
/// path, and runs the parts as one `ServiceGroup` whose graceful shutdown is the documented
/// stop order:
///
/// 1. SIGHUP stops being a reload;
/// 2. the control socket closes and `owner.json` goes, so no client finds this process (its
///    clients are let go);
/// 3. the refresher stops: requests in flight cancelled and logged, sink writes and hooks
///    finished, every waiter answered (so the socket's connections end), event streams ended;
/// 4. the events are drained (the daemon's last log lines written);
/// 5. the metrics server stops;
/// 6. the `--demo` sandbox stops.
///
/// A dashboard's screen is gone before the group stops, so its event forwarder stops first.
public struct OwnerRun: Sendable {
    public let refresher: Refresher
    public let reloads: ReloadCoordinator
    public let sandbox: SandboxServer?
    public let instance: InstanceDirectory?
    /// Where the result log goes.
    public let resultLog: ResultLog.Destination
    /// The attempts before now, read back from the result log (nil when it goes to stdout):
    /// for this process's screen at start and the socket's `history` request.
    let history: ResultLogHistory?
    let logger: Logger

    /// Opens the result log and makes the refresher (sink tokens reused, sinks.json upgraded).
    /// A result log that cannot be opened, or a sinks key that cannot be read, is printed, the
    /// sandbox stopped, and the run refused with exit 2.
    public static func start(
        _ loaded: LoadedProfiles, instance: InstanceDirectory?, resultLog settings: ResultLogSettings,
        policy: RefreshPolicy = RefreshPolicy(), environment: [String: String], strict: Bool,
        notifier: SystemdNotifier? = nil, logger: Logger
    ) async throws(RuntimeExit) -> OwnerRun {
        let resultLog: ResultLog
        do throws(RuntimeExit) {
            resultLog = try settings.open(environment: environment)
        } catch {
            await loaded.sandbox?.stop()
            throw error
        }
        return try await start(
            loaded, instance: instance, resultLog: resultLog, policy: policy, environment: environment, strict: strict,
            notifier: notifier, logger: logger)
    }

    /// Makes the refresher over an open result log.
    static func start(
        _ loaded: LoadedProfiles, instance: InstanceDirectory?, resultLog: ResultLog,
        policy: RefreshPolicy = RefreshPolicy(),
        environment: [String: String], strict: Bool, notifier: SystemdNotifier? = nil, logger: Logger
    ) async throws(RuntimeExit) -> OwnerRun {
        do {
            let refresher = try Refresher.make(
                set: loaded.set, instance: instance, resultLog: resultLog, policy: policy, environment: environment,
                strict: strict, logger: logger)
            return OwnerRun(
                refresher: refresher,
                reloads: ReloadCoordinator(refresher: refresher, logger: logger, notifier: notifier),
                sandbox: loaded.sandbox, instance: instance, resultLog: resultLog.destination,
                history: resultLog.tail.map { tail in
                    ResultLogHistory(
                        tail: tail, profiles: { [auth = refresher.auth] in Set(await auth.profileNames) },
                        logger: logger)
                }, logger: logger)
        } catch {
            Console.error(error.description)
            await loaded.sandbox?.stop()
            throw RuntimeExit.configuration
        }
    }

    /// Stops what `start` made when the run ends before its group runs (a socket or metrics
    /// address that cannot be served).
    public func stopEarly() async {
        await refresher.shutdown()
        await sandbox?.stop()
    }

    /// Records in `owner.json` that this process refreshes the instance's profiles file and
    /// serves it on `socket`; nothing without an instance directory (`--demo`).
    func publishOwner(role: OwnerRecord.Role, socket: String) throws {
        guard let instance else { return }
        try OwnerRecord(role: role, socket: socket, config: instance.configPath, protocol: ControlProtocol.version)
            .write(to: instance.ownerPath)
    }

    /// The parts as services in start order; the group stops them in reverse. A draining event
    /// forwarder goes before the refresher (it stops after it, reading the last events); one
    /// that does not drain goes last (it stops first).
    func services(_ parts: OwnerParts) -> [any Service] {
        var services: [any Service] = []
        if let watchdog = parts.watchdog { services.append(watchdog) }
        if let sandbox { services.append(StoppingService(description: "sandbox") { await sandbox.stop() }) }
        if let metrics = parts.metrics {
            services.append(StoppingService(description: "metrics") { await metrics.stop() })
        }
        if parts.events.drains { services.append(parts.events) }
        if let commands = parts.commands { services.append(commands) }
        services.append(RefreshService(refresher: refresher, onStarted: parts.onStarted))
        if let control = parts.control {
            services.append(ControlService(server: control, ownerPath: parts.ownerPath, refresher: refresher))
        }
        if !parts.events.drains { services.append(parts.events) }
        if let signals = parts.reloadSignals {
            let coordinator = reloads
            services.append(ReloadSignalService(signals: signals) { await coordinator.reload(trigger: "SIGHUP") })
        }
        return services
    }

    /// Runs the parts until `foreground` returns, then stops them in order; the foreground's
    /// value, or nil when the group ended first.
    func run<T: Sendable>(_ parts: OwnerParts, foreground: @escaping @Sendable (ServiceGroup) async -> T) async throws
        -> T?
    {
        try await ServiceGroupRun.run(services(parts), logger: logger, foreground: foreground)
    }
}
