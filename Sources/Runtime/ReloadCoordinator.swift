import BlockingThreads
import Foundation
import Logging
import Profiles
import Sinks
import TokenModel

/// The one reload path: SIGHUP in the daemon, `reload` on the control socket and `Ctrl-R` in a
/// refreshing dashboard all come here. It reads the profiles file off the cooperative pool
/// (`{command:}` secrets block), logs its warnings and a concurrency change (which applies only
/// after a restart), seeds added profiles from their sinks, applies the file to the auth
/// service, keeps `sinks.json` to the profiles still configured, and logs the outcome. An
/// invalid file changes nothing and comes back as a summary with `errors`.
public struct ReloadCoordinator: Sendable {
    public let refresher: Refresher
    let logger: Logger
    /// Told when a reload begins and ends (systemd's `RELOADING=1`, `READY=1`).
    let notifier: SystemdNotifier?
    /// Reloads run one after another (see `ReloadTurns`).
    private let turns = ReloadTurns()

    public init(refresher: Refresher, logger: Logger, notifier: SystemdNotifier? = nil) {
        self.refresher = refresher
        self.logger = logger
        self.notifier = notifier
    }

    /// Whether there is a profiles file to reload (`--demo` has none).
    public var isAvailable: Bool { refresher.configPath != nil }

    /// Reloads and logs what happened; `trigger` names the request in the log (`SIGHUP`, `socket`).
    /// A reload asked for while another runs waits for it to finish.
    @discardableResult
    public func reload(trigger: String) async -> ReloadSummary {
        await turns.enter()
        await notifier?.reloadStarted()
        let summary = await reloadNow(trigger: trigger)
        await notifier?.reloadFinished(summary)
        await turns.leave()
        return summary
    }

    private func reloadNow(trigger: String) async -> ReloadSummary {
        guard let path = refresher.configPath else {
            logger.warning("\(trigger): --demo has no profiles file to reload; nothing changed")
            return ReloadSummary(errors: ["--demo has no profiles file to reload"])
        }
        logger.info("\(trigger): reloading \(path)")
        let summary = await apply(path)
        if summary.errors.isEmpty {
            logger.info("reload: \(summary)")
        } else {
            for error in summary.errors { logger.error("reload: \(DaemonLogLines.oneLine(error))") }
            let running = await refresher.auth.profileNames.count
            let count = summary.errors.count
            logger.error(
                "reload failed: \(path) has \(count) error\(count == 1 ? "" : "s"); still running the previous \(running) profile\(running == 1 ? "" : "s")"
            )
        }
        return summary
    }

    /// The auth service as a `TokenService` whose `reload()` is this path (refused with
    /// `reloadUnavailable` when there is no file): what the control socket and the dashboard use.
    public func tokenService(trigger: String) -> ReloadingTokenService {
        ReloadingTokenService(refresher.auth) { [self] in
            guard isAvailable else { throw TokenServiceError.reloadUnavailable }
            return await reload(trigger: trigger)
        }
    }

    private func apply(_ path: String) async -> ReloadSummary {
        let set: ProfileSet
        do {
            set = try await ProfilesLoader.loadOffPool(
                path: path, environment: refresher.environment, strict: refresher.strict)
        } catch {
            return ReloadSummary(errors: error.diagnostics.filter { $0.severity == .error }.map(\.description))
        }
        for warning in set.warnings { logger.warning("reload: \(DaemonLogLines.oneLine(warning.description))") }
        if set.concurrency != refresher.concurrency {
            logger.warning(
                "reload: concurrency changed from \(refresher.concurrency) to \(set.concurrency); it applies after a restart"
            )
        }
        let auth = refresher.auth
        let running = Set(await auth.profileNames)
        let added = set.profiles.filter { !running.contains($0.name) }
        let state = refresher.sinkState
        if state == nil, added.contains(where: { $0.sink != nil }) {
            let file = SinkStateFile.fileName
            logger.warning(
                "reload: profiles with a sink were added; their tokens are written, but \(file) records them only from the next start"
            )
        }
        // Reading sink files and saving sinks.json block: off the cooperative pool.
        let margin = refresher.policy.expiryMargin
        let reuse = await BlockingWork.run { SinkReuse.seeds(for: added, state: state, now: Date(), margin: margin) }
        for finding in reuse.findings { logger.info("\(finding.description)") }
        let summary = await auth.reload(set.profiles, seeds: reuse.seeds)
        let kept = Set(set.profiles.map(\.name))
        let saveProblem = await BlockingWork.run { () -> String? in
            do {
                try state?.retain(only: kept)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let saveProblem { logger.warning("could not update \(state?.path ?? "sinks.json"): \(saveProblem)") }
        return summary
    }
}
