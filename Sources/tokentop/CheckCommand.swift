import ArgumentParser
import Foundation
import Runtime
import TokentopCore

/// `tokentop check`: one token per profile, a table (or JSON), an exit code for scripts.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch one token per profile and print what EnKash answered.",
        discussion: "Exit status: 0 when every profile got a token, 1 when any failed, 2 on usage or configuration errors."
    )

    @OptionGroup var source: ProfileSourceOptions

    @Option(name: .customLong("profile"), help: "Only this profile (repeatable). Default: every enabled profile.")
    var profileNames: [String] = []

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "At most this many requests at once. Default: the profiles file's concurrency (8).")
    var concurrency: Int?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let concurrency, !(1...256).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 256")
        }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        let loaded = try await source.load(environment: environment, logger: logger)
        let outcome: Result<[CheckResult], ExitCode>
        do {
            let profiles = try select(from: loaded.set)
            let resultLog = try logging.openResultLog(environment: environment)
            let cap = concurrency ?? loaded.set.concurrency
            // One event-loop thread, the requests run on it too: with two (one per core) on this
            // 2-core machine the check and the server it talks to fought over both cores
            // (tokentop-bench refresh: CPU 1.62/1.71 s with two, 1.31/1.27 s with one).
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
        } catch let code as ExitCode {
            outcome = .failure(code)
        }
        await loaded.sandbox?.stop()
        let results = try outcome.get()
        if json {
            Console.out(bytes: CheckReport.jsonBytes(results, now: Date()))
        } else {
            Console.out(CheckReport.table(results, now: Date()))
        }
        if results.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }

    /// The named profiles (all must exist), or every enabled one.
    private func select(from set: ProfileSet) throws -> [Profile] {
        guard !profileNames.isEmpty else {
            let enabled = set.profiles.filter(\.enabled)
            if enabled.isEmpty {
                Console.error("\(set.source) has no enabled profiles; enable one or name it with --profile")
                throw ExitCode(2)
            }
            return enabled
        }
        var chosen: [Profile] = []
        for name in profileNames {
            guard let profile = set.profiles.first(where: { $0.name == name }) else {
                let known = set.profiles.map(\.name).joined(separator: ", ")
                Console.error("no profile named '\(name)' in \(set.source); known profiles: \(known)")
                throw ExitCode(2)
            }
            if !chosen.contains(where: { $0.name == name }) { chosen.append(profile) }
        }
        return chosen
    }
}
