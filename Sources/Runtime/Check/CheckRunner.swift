import EnKashClient
import Foundation
import ResultLog
import TokenModel

/// Fetches one token per profile, at most `concurrency` at once, logging every attempt.
public enum CheckRunner {
    public static func run(
        _ profiles: [Profile], client: TokenClient, concurrency: Int, resultLog: ResultLog?
    ) async -> [CheckResult] {
        await run(profiles, client: client, concurrency: concurrency, resultLog: resultLog) { group, _, operation in
            group.addTask(operation: operation)
        }
    }

    /// The same, with the requests (and this loop) run on `executors` in turn, e.g. the event
    /// loops of the HTTP client (`EventLoopTaskExecutor`), so no request hops between threads.
    @available(macOS 15.0, *)
    public static func run(
        _ profiles: [Profile], client: TokenClient, concurrency: Int, resultLog: ResultLog?,
        executors: [any TaskExecutor]
    ) async -> [CheckResult] {
        guard let first = executors.first else {
            return await run(profiles, client: client, concurrency: concurrency, resultLog: resultLog)
        }
        return await withTaskExecutorPreference(first) {
            await run(profiles, client: client, concurrency: concurrency, resultLog: resultLog) {
                group, index, operation in
                group.addTask(executorPreference: executors[index % executors.count], operation: operation)
            }
        }
    }

    private typealias Group = TaskGroup<(Int, CheckResult)>
    private typealias Operation = @Sendable () async -> (Int, CheckResult)

    private static func run(
        _ profiles: [Profile], client: TokenClient, concurrency: Int, resultLog: ResultLog?,
        add: (inout Group, Int, @escaping Operation) -> Void
    ) async -> [CheckResult] {
        guard let resultLog else {
            return await run(profiles, client: client, concurrency: concurrency, batch: nil, add: add)
        }
        // Result-log lines go out in batches, at least every 50 ms, the rest when all are done.
        let batch = ResultLogBatch(log: resultLog)
        let results = await withTaskGroup(of: Void.self, returning: [CheckResult].self) { ticker in
            ticker.addTask { await batch.flushEvery(.milliseconds(50)) }
            let results = await run(profiles, client: client, concurrency: concurrency, batch: batch, add: add)
            ticker.cancelAll()
            return results
        }
        batch.flush()
        return results
    }

    private static func run(
        _ profiles: [Profile], client: TokenClient, concurrency: Int, batch: ResultLogBatch?,
        add: (inout Group, Int, @escaping Operation) -> Void
    ) async -> [CheckResult] {
        var results = [CheckResult?](repeating: nil, count: profiles.count)
        await withTaskGroup(of: (Int, CheckResult).self) { group in
            var next = 0
            func launch() {
                let index = next
                let profile = profiles[index]
                next += 1
                add(&group, index) {
                    // Logged here, in the request's own task: the loop below only collects.
                    let fetched = await client.fetch(profile, trigger: .check)
                    batch?.append(
                        ResultLogEntry(
                            record: fetched.record, merchant: profile.merchant, host: profile.hostLabel,
                            nextRefreshAt: nil))
                    return (
                        index, CheckResult(record: fetched.record, token: fetched.token, proxy: profile.proxy?.label)
                    )
                }
            }
            while next < profiles.count && next < max(1, concurrency) { launch() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < profiles.count { launch() }
            }
        }
        return results.compactMap { $0 }
    }
}
