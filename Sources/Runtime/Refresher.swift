import BlockingThreads
import EnKashClient
import Foundation
import Logging
import Profiles
import Refresh
import ResultLog
import Sinks
import TokenModel

/// The auth service as the one refreshing process runs it (the daemon, or a dashboard holding
/// the instance lock): tokens written to their sinks, sink tokens reused at start-up, and what a
/// reload needs (`ReloadCoordinator` applies it).
public struct Refresher: Sendable {
    public let auth: AuthService
    public let transport: HTTPTokenTransport
    /// The instance's `sinks.json`; nil for `--demo`, which keeps no state between runs.
    public let sinkState: SinkStateFile?
    /// The profiles file a reload reads; nil for `--demo`.
    public let configPath: String?
    public let environment: [String: String]
    public let logger: Logger
    /// The request concurrency the service runs with (a reload cannot change it).
    public let concurrency: Int
    public let policy: RefreshPolicy
    /// `--strict`: a reload refuses warnings as start-up did.
    public let strict: Bool

    /// Builds the service. Sink tokens still valid past their refresh time are adopted instead
    /// of fetched; what was (not) reused is logged at info, one line per profile with a sink.
    public static func make(
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

    /// Stops the service (waiting for sink writes and hooks in flight) and the HTTP client. A second
    /// call returns at once: the auth service and the transport stop only once.
    public func shutdown() async {
        await auth.shutdown()
        await transport.shutdown()
    }
}
