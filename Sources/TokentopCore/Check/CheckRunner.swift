import Foundation

/// One profile's answer in `tokentop check`.
public struct CheckResult: Sendable {
    public var profile: Profile
    public var record: AttemptRecord
    public var token: IssuedToken?

    public var ok: Bool { record.outcome == .success }
}

/// Fetches one token per profile, at most `concurrency` at once, logging every attempt.
public enum CheckRunner {
    public static func run(
        _ profiles: [Profile], client: TokenClient, concurrency: Int, resultLog: ResultLog?
    ) async -> [CheckResult] {
        var results = [CheckResult?](repeating: nil, count: profiles.count)
        await withTaskGroup(of: (Int, FetchResult).self) { group in
            var next = 0
            func launch() {
                let index = next
                let profile = profiles[index]
                next += 1
                group.addTask { (index, await client.fetch(profile, trigger: .check)) }
            }
            while next < profiles.count && next < max(1, concurrency) { launch() }
            while let (index, fetched) = await group.next() {
                let profile = profiles[index]
                resultLog?.append(
                    ResultLogEntry(
                        record: fetched.record, merchant: profile.merchant, host: profile.hostLabel, nextRefreshAt: nil))
                results[index] = CheckResult(profile: profile, record: fetched.record, token: fetched.token)
                if next < profiles.count { launch() }
            }
        }
        return results.compactMap { $0 }
    }
}
