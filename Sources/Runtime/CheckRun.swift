import EnKashClient
import Foundation
import Logging
import TokenModel

/// `tokentop check`: one token per profile, a table (or JSON) on stdout.
///
/// Exit status: 0 when every profile got a token, 1 when any failed, 2 on configuration errors.
public struct CheckRun: Sendable {
    public let settings: CheckSettings
    public let environment: [String: String]
    public let logger: Logger

    public init(settings: CheckSettings, environment: [String: String], logger: Logger) {
        self.settings = settings
        self.environment = environment
        self.logger = logger
    }

    public func run() async throws(RuntimeExit) {
        // It holds secrets: no core file, no other process attaching.
        CoreDumpGuard.apply()
        let loaded = try await settings.source.load(environment: environment, logger: logger)
        let outcome: Result<[CheckResult], RuntimeExit>
        do throws(RuntimeExit) {
            let profiles = try select(from: loaded.set)
            let resultLog = try settings.resultLog.open(environment: environment)
            let cap = settings.concurrency ?? loaded.set.concurrency
            // One event-loop thread, and the requests run on it too: with one per core, the
            // check and a local server it talks to fight over the cores.
            let transport = HTTPTokenTransport(maxConnectionsPerHost: cap, threads: 1)
            let client = TokenClient(transport: transport)
            let results: [CheckResult]
            if #available(macOS 15.0, *) {
                // The requests run on the HTTP client's own event loops (see EventLoopTaskExecutor).
                results = await CheckRunner.run(
                    profiles, client: client, concurrency: cap, resultLog: resultLog,
                    executors: transport.eventLoops.map { EventLoopTaskExecutor($0) })
            } else {
                results = await CheckRunner.run(profiles, client: client, concurrency: cap, resultLog: resultLog)
            }
            await transport.shutdown()
            outcome = .success(results)
        } catch {
            outcome = .failure(error)
        }
        await loaded.sandbox?.stop()
        let results = try outcome.get()
        if settings.json {
            Console.out(bytes: CheckReport.jsonBytes(results, now: Date()))
        } else {
            Console.out(CheckReport.table(results, now: Date()))
        }
        if results.contains(where: { !$0.ok }) { throw RuntimeExit.failure }
    }

    /// The named profiles (all must exist), or every enabled one.
    func select(from set: ProfileSet) throws(RuntimeExit) -> [Profile] {
        guard !settings.profileNames.isEmpty else {
            let enabled = set.profiles.filter(\.enabled)
            if enabled.isEmpty {
                Console.error("\(set.source) has no enabled profiles; enable one or name it with --profile")
                throw RuntimeExit.configuration
            }
            return enabled
        }
        var chosen: [Profile] = []
        for name in settings.profileNames {
            guard let profile = set.profiles.first(where: { $0.name == name }) else {
                let known = set.profiles.map(\.name).joined(separator: ", ")
                Console.error("no profile named '\(name)' in \(set.source); known profiles: \(known)")
                throw RuntimeExit.configuration
            }
            if !chosen.contains(where: { $0.name == name }) { chosen.append(profile) }
        }
        return chosen
    }
}
