import BlockingThreads
import EnKashClient
import Foundation
import Logging
import Profiles
import Refresh
import ResultLog
import Runtime
import Sinks
import TokenModel

/// The auth service as the one refreshing process runs it (the daemon, or a dashboard holding
/// the instance lock): tokens written to their sinks, sink tokens reused at start-up, and
/// reloads of the profiles file applied.
struct Refresher: Sendable {
    let auth: AuthService
    let transport: HTTPTokenTransport
    /// The instance's `sinks.json`; nil for `--demo`, which keeps no state between runs.
    let sinkState: SinkStateFile?
    /// The profiles file a reload reads; nil for `--demo`.
    let configPath: String?
    let environment: [String: String]
    let logger: Logger
    /// The request concurrency the service runs with (a reload cannot change it).
    let concurrency: Int
    let policy: RefreshPolicy
    /// `--strict`: a reload refuses warnings as start-up did.
    let strict: Bool

    /// Builds the service. Sink tokens still valid past their refresh time are adopted instead
    /// of fetched; what was (not) reused is logged at info, one line per profile with a sink.
    static func make(
        set: ProfileSet, instance: InstanceDirectory?, resultLog: ResultLog, policy: RefreshPolicy = RefreshPolicy(),
        environment: [String: String], strict: Bool = false, logger: Logger
    ) throws(SinkStateKey.KeyError) -> Refresher {
        // sinks.key is made (or read) only when something needs it: a profile with a sink, or a
        // sinks.json already there (an older one still has to be rewritten).
        let needsState = { (instance: InstanceDirectory) in
            set.profiles.contains { $0.sink != nil }
                || FileManager.default.fileExists(
                    atPath: (instance.path as NSString).appendingPathComponent(SinkStateFile.fileName))
        }
        let state = try instance.flatMap { (instance) throws(SinkStateKey.KeyError) -> SinkStateFile? in
            needsState(instance) ? try SinkStateFile(directory: instance.path) : nil
        }
        // Start-up: reading the sink files here, before the service runs, is fine. A sinks.json
        // from an older version is rewritten first (its entries that still match keep their tokens).
        do {
            try state?.upgrade(for: set.profiles)
        } catch {
            logger.warning("could not rewrite \(SinkStateFile.fileName) in the current format: \(error.description)")
        }
        let reuse = SinkReuse.seeds(for: set.profiles, state: state, now: Date(), margin: policy.expiryMargin)
        for finding in reuse.findings { logger.info("\(finding.description)") }
        let transport = HTTPTokenTransport(maxConnectionsPerHost: set.concurrency)
        let auth = AuthService(
            profiles: set.profiles, client: TokenClient(transport: transport), concurrency: set.concurrency,
            policy: policy, resultLog: resultLog, seeds: reuse.seeds,
            delivery: SinkDelivery(state: state, environment: environment, logger: logger), logger: logger)
        return Refresher(
            auth: auth, transport: transport, sinkState: state, configPath: instance?.configPath,
            environment: environment, logger: logger, concurrency: set.concurrency, policy: policy, strict: strict)
    }

    /// Reads the profiles file again (on a thread of its own: `{command:}` secrets block) and
    /// applies it. An invalid file changes nothing and comes back as a summary with `errors`.
    /// Profiles added by the reload may start from their sink's token.
    func reload() async -> ReloadSummary {
        guard let configPath else {
            return ReloadSummary(errors: ["--demo has no profiles file to reload"])
        }
        let set: ProfileSet
        do {
            set = try await ProfilesLoader.loadOffPool(path: configPath, environment: environment, strict: strict)
        } catch {
            return ReloadSummary(errors: error.diagnostics.filter { $0.severity == .error }.map(\.description))
        }
        for warning in set.warnings { logger.warning("reload: \(DaemonLogLines.oneLine(warning.description))") }
        if set.concurrency != concurrency {
            logger.warning(
                "reload: concurrency changed from \(concurrency) to \(set.concurrency); it applies after a restart")
        }
        let running = Set(await auth.profileNames)
        let added = set.profiles.filter { !running.contains($0.name) }
        if sinkState == nil, added.contains(where: { $0.sink != nil }) {
            let file = SinkStateFile.fileName
            logger.warning(
                "reload: profiles with a sink were added; their tokens are written, but \(file) records them only from the next start")
        }
        // Reading sink files and saving sinks.json block: off the cooperative pool.
        let state = sinkState
        let margin = policy.expiryMargin
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

    /// Stops the service (waiting for sink writes and hooks in flight) and the HTTP client.
    func shutdown() async {
        await auth.shutdown()
        await transport.shutdown()
    }
}
