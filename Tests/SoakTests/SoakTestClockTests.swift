import Clocks
import EnKashClient
import Foundation
import Refresh
import ResultLog
import Soak
import Synchronization
import TestFixtures
import Testing
import TokenModel

/// The fault soak on a test clock: the real `AuthService` (real policy, result log and client;
/// the transport is a seeded faulty server) through 11 simulated minutes, 20 profiles whose
/// tokens live 20-60 s, 30% 5xx, 10% timeouts, 5% malformed, 5% 429 with Retry-After. Its result
/// log and sampled states go through the same analysis as `tokentop-bench soak`. Nothing sleeps
/// for real.
@Suite struct SoakTestClockTests {
    static let profileCount = 20
    static let simulated: Duration = .seconds(660)
    static let step: Duration = .milliseconds(200)

    static func name(_ index: Int) -> String { String(format: "soak-%02d", index + 1) }

    @Test func elevenMinutesOfFaultsLeaveNoGapNoLostLineAndNoStorm() async throws {
        let clock = TestClock<Duration>()
        let time = TimeSource.driven(by: clock, origin: TestProfiles.origin)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path))
        var profiles: [Profile] = []
        var lifetimes: [String: Duration] = [:]
        for index in 0..<Self.profileCount {
            let name = Self.name(index)
            profiles.append(
                Profile(
                    name: name, merchant: "Soak \(index + 1)", baseURL: URL(string: "https://example.test")!,
                    accessKey: "AK-\(name)", secretKey: SecretString("SK-\(name)-do-not-print"),
                    refresh: RefreshSettings(timeout: .seconds(4))))
            lifetimes["AK-\(name)"] = .seconds(20 + 40 * index / (Self.profileCount - 1))
        }
        let transport = FaultyTransport(time: time, lifetimes: lifetimes, seed: 20_261_125)
        let service = AuthService(
            profiles: profiles, client: TokenClient(transport: transport, time: time), resultLog: log, seed: 6)
        let finished = FinishedCounter(await service.events())
        await service.start()

        var samples: [StateSample] = []
        var moved = Duration.zero
        while moved < Self.simulated {
            await clock.advance(by: Self.step)
            moved += Self.step
            // Every answer handled (logged, next request scheduled) before time moves on, as it
            // would be on a real clock: then no analysis slack is eaten by test scheduling.
            let answered = transport.answered
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while finished.count < answered, ContinuousClock.now < deadline {
                await clock.advance(by: .zero)
                await Task.yield()
                if finished.count < answered { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(finished.count >= answered, "the service did not handle an answer within 10 s")
            let now = time.now()
            for status in await service.snapshot() {
                samples.append(StateSample(profile: status.name, at: now, state: status.state.rawValue))
            }
        }
        let end = time.now()
        await service.shutdown()

        let reader = ResultLogReader(text: try String(contentsOfFile: path, encoding: .utf8))
        let counts = Dictionary(uniqueKeysWithValues: transport.counts.map { (String($0.key.dropFirst(3)), $0.value) })
        let lines = LineAccounting(
            sandboxRequests: counts.mapValues(\.requests), logLines: reader.attempts.mapValues(\.count))
        let gaps = TokenGapAnalysis(
            attempts: reader.attempts, samples: samples, issued: counts.mapValues(\.issued), end: end)
        let spacing = RetrySpacingAnalysis(
            attempts: reader.attempts, retryAfter: .seconds(FaultyTransport.retryAfterSeconds))

        // The run did what it claims: every fault kind happened, often.
        let total = counts.values.reduce(into: FaultyTransport.Counts()) { sum, next in
            sum.requests += next.requests
            sum.issued += next.issued
            sum.failed += next.failed
            sum.hung += next.hung
            sum.malformed += next.malformed
            sum.rateLimited += next.rateLimited
        }
        #expect(counts.count == Self.profileCount)
        #expect(total.requests > 1000)
        #expect(total.failed > 100 && total.hung > 30 && total.malformed > 10 && total.rateLimited > 10)
        #expect(total.issued > 300)

        #expect(reader.unparsedLines == 0)
        #expect(lines.passed, "lost \(lines.lost), extra \(lines.extra): \(lines.mismatches)")
        #expect(
            gaps.passed,
            "\(gaps.gapSamples) gaps, \(gaps.unreceivedSuccesses) unreceived, \(gaps.falseValidSamples) false valid: \(gaps.examples)"
        )
        #expect(gaps.samplesJudged > samples.count / 2)
        #expect(spacing.passed, "\(spacing.violations) violations: \(spacing.examples)")
        #expect(spacing.pairsJudged > 1000)
        print(
            "soak on a test clock: \(total.requests) requests (issued \(total.issued), 5xx \(total.failed), "
                + "timeouts \(total.hung), malformed \(total.malformed), 429 \(total.rateLimited)); "
                + "\(reader.lineCount) log lines, lost \(lines.lost); gaps \(gaps.gapSamples) of \(gaps.samplesJudged) samples; "
                + "no-success windows \(gaps.noSuccessWindows) (longest \(gaps.longestNoSuccessSeconds) s); spacing violations \(spacing.violations) of "
                + "\(spacing.pairsJudged), min ratio \(spacing.minimumRatio ?? 0), busiest minute \(spacing.maxAttemptsPerMinute)"
        )
    }
}
