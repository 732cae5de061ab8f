import Clocks
import Foundation
import TestFixtures
import Testing

@testable import EnKashClient
@testable import Refresh
@testable import ResultLog
@testable import TokenModel

/// The refresh engine on a test clock: nothing here sleeps for real.
@Suite struct AuthServiceTests {
    let clock = TestClock<Duration>()
    let time: TimeSource

    init() { time = TimeSource.driven(by: clock, origin: TestProfiles.origin) }

    func service(
        _ profiles: [Profile], transport: ScriptedTransport, concurrency: Int = 8, resultLog: ResultLog? = nil,
        seeds: [String: IssuedToken] = [:], delivery: (any TokenDelivery)? = nil
    ) -> AuthService {
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        return AuthService(
            profiles: profiles, client: TokenClient(transport: transport, time: time), concurrency: concurrency,
            policy: policy, resultLog: resultLog, seed: 42, seeds: seeds, delivery: delivery)
    }

    func succeeding(lifetime: Duration) -> ScriptedTransport {
        let time = self.time
        return ScriptedTransport { key, call in
            .success(ScriptedTransport.success(token: "\(key)-token-\(call)", now: time.now(), lifetime: lifetime))
        }
    }

    /// Lets every due timer fire and every resulting task run until `condition` holds.
    @discardableResult
    func settle(
        _ recorder: EventRecorder, limit: Duration = .seconds(10),
        until condition: @escaping @Sendable (EventRecorder) -> Bool
    ) async -> Bool {
        let clock = self.clock
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            await clock.advance(by: .zero)
            if await recorder.wait(limit: .milliseconds(20), until: condition) { return true }
        }
        return false
    }

    /// Moves the clock forward in `step`s, letting each step's work finish.
    func advance(_ total: Duration, step: Duration = .seconds(1), recorder: EventRecorder) async {
        var moved = Duration.zero
        while moved < total {
            await clock.advance(by: step)
            moved += step
            for _ in 0..<3 {
                await clock.advance(by: .zero)
                await recorder.wait(limit: .milliseconds(2)) { _ in false }
            }
        }
    }

    /// Moves the clock forward in `step`s until `condition` holds (or `limit` of test time passed).
    @discardableResult
    func advance(
        by step: Duration, upTo limit: Duration, recorder: EventRecorder,
        until condition: @escaping @Sendable (EventRecorder) -> Bool
    ) async -> Bool {
        var moved = Duration.zero
        while moved < limit {
            if condition(recorder) { return true }
            await clock.advance(by: step)
            moved += step
            for _ in 0..<3 {
                await clock.advance(by: .zero)
                if await recorder.wait(limit: .milliseconds(2), until: condition) { return true }
            }
        }
        return condition(recorder)
    }

    @Test func initialFetchRespectsTheConcurrencyCap() async {
        let time = self.time
        let transport = ScriptedTransport(holding: true) { key, _ in
            .success(ScriptedTransport.success(token: key, now: time.now(), lifetime: .seconds(600)))
        }
        let profiles = (1...5).map { TestProfiles.make("p\($0)") }
        let auth = service(profiles, transport: transport, concurrency: 2)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in transport.heldCount == 2 })
        #expect(transport.totalCalls == 2)
        #expect(await auth.snapshot().allSatisfy { $0.state == .fetching })
        transport.release()
        #expect(await settle(recorder) { $0.finished.count == 5 })
        #expect(transport.maxInFlight == 2)
        #expect(await auth.snapshot().allSatisfy { $0.state == .valid })
        await auth.shutdown()
    }

    @Test func refreshesInsideTheWindowAndReplacesTheToken() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        let first = try #require(await auth.status(of: "a"))
        let next = try #require(first.nextRefreshAt)
        let expires = try #require(first.expiresAt)
        // lead = max(120 s, 15% of 600 s) = 120 s; window [expiry - 150 s, expiry - 120 s].
        let lead = expires.timeIntervalSince(next)
        #expect(lead >= 120 - 0.01 && lead <= 150 + 0.01)

        await advance(.seconds(440), step: .seconds(20), recorder: recorder)
        #expect(transport.totalCalls == 1)
        await advance(.seconds(50), step: .seconds(5), recorder: recorder)
        #expect(await settle(recorder) { $0.finished.count == 2 })
        let second = try #require(await auth.status(of: "a"))
        #expect(second.tokenFingerprint != first.tokenFingerprint)
        #expect(second.state == .valid)
        #expect(recorder.finished.last?.trigger == .scheduled)
        await auth.shutdown()
    }

    @Test func transientFailureKeepsTheTokenAndBacksOff() async throws {
        let time = self.time
        let transport = ScriptedTransport { key, call in
            call == 1
                ? .success(ScriptedTransport.success(token: "\(key)-1", now: time.now(), lifetime: .seconds(600)))
                : .success(ScriptedTransport.status(503, body: "busy"))
        }
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        // The refresh window is [expiry - 150 s, expiry - 120 s]: nothing happens before 450 s.
        await advance(.seconds(440), step: .seconds(20), recorder: recorder)
        #expect(transport.totalCalls == 1)
        #expect(
            await advance(by: .milliseconds(100), upTo: .seconds(50), recorder: recorder) { $0.finished.count == 2 })
        let status = try #require(await auth.status(of: "a"))
        #expect(status.state == .stale)
        #expect(await auth.validToken(for: "a") != nil)
        let failed = try #require(recorder.finished.last)
        #expect(failed.outcome == .transient && failed.httpStatus == 503)
        let firstDelay = try #require(status.nextRefreshAt).timeIntervalSince(failed.finishedAt)
        #expect(firstDelay >= 0.75 - 0.01 && firstDelay <= 1.0 + 0.01)

        #expect(await advance(by: .milliseconds(100), upTo: .seconds(2), recorder: recorder) { $0.finished.count == 3 })
        let again = try #require(await auth.status(of: "a"))
        let secondDelay = try #require(again.nextRefreshAt).timeIntervalSince(
            try #require(recorder.finished.last).finishedAt)
        #expect(secondDelay >= 1.5 - 0.01 && secondDelay <= 2.0 + 0.01)
        #expect(recorder.finished.last?.attempt == 2)  // the second try since the last success
        await auth.shutdown()
    }

    @Test func rejectionGetsOneAutomaticRetryThenWaitsForTheOperator() async throws {
        let transport = ScriptedTransport { _, _ in
            .success(
                ScriptedTransport.status(
                    401, body: #"{"resultCode":1001,"resultMessage":"Invalid accessKey or secretKey."}"#))
        }
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        #expect(await auth.status(of: "a")?.state == .rejected)
        await advance(.seconds(3600), step: .seconds(30), recorder: recorder)
        #expect(transport.totalCalls == 2)
        #expect(await auth.status(of: "a")?.state == .rejected)
        #expect(await auth.status(of: "a")?.nextRefreshAt == nil)

        // Forced: a rejected profile is refreshed by hand only when the operator insists.
        let manual = try await auth.refresh("a", force: true)
        #expect(manual?.trigger == .manual && manual?.outcome == .rejected)
        await advance(.seconds(3600), step: .seconds(60), recorder: recorder)
        #expect(transport.totalCalls == 3)
        await auth.shutdown()
    }

    @Test func aManualRefreshJoinsTheRequestInFlight() async throws {
        let time = self.time
        let transport = ScriptedTransport(holding: true) { key, call in
            .success(ScriptedTransport.success(token: "\(key)-\(call)", now: time.now(), lifetime: .seconds(600)))
        }
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in transport.heldCount == 1 })
        async let first = auth.refresh("a")
        async let second = auth.refresh("a")
        #expect(await settle(recorder) { _ in transport.heldCount == 1 })
        transport.release()
        let (a, b) = try await (first, second)
        #expect(a == b)
        #expect(a?.trigger == .initial)
        #expect(transport.totalCalls == 1)
        await auth.shutdown()
    }

    @Test func aTokenCountsAsExpiredTenSecondsEarly() async throws {
        let time = self.time
        let transport = ScriptedTransport { key, call in
            call == 1
                ? .success(ScriptedTransport.success(token: "\(key)-1", now: time.now(), lifetime: .seconds(60)))
                : .failure(.connection("connection refused"))
        }
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        await advance(.seconds(49), step: .milliseconds(500), recorder: recorder)
        #expect(await auth.validToken(for: "a") != nil)
        await advance(.seconds(2), step: .milliseconds(500), recorder: recorder)
        #expect(await auth.validToken(for: "a") == nil)
        #expect(await settle(recorder) { $0.states("a").last == .expired || $0.states("a").last == .fetching })
        #expect(recorder.states("a").contains(.expired))
        #expect(recorder.states("a").contains(.stale))
        await auth.shutdown()
    }

    @Test func pausedProfilesAreNotRefreshedUntilResumed() async throws {
        let transport = succeeding(lifetime: .seconds(300))
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        try await auth.pause("a")
        #expect(await auth.status(of: "a")?.state == .paused)
        await advance(.seconds(400), step: .seconds(20), recorder: recorder)
        #expect(transport.totalCalls == 1)
        #expect(await auth.validToken(for: "a") == nil)
        try await auth.resume("a")
        #expect(await settle(recorder) { $0.finished.count == 2 })
        #expect(await auth.status(of: "a")?.state == .valid)
        await auth.shutdown()
    }

    @Test func disabledProfilesAreNeverFetched() async throws {
        let transport = succeeding(lifetime: .seconds(300))
        let auth = service([TestProfiles.make("on"), TestProfiles.make("off", enabled: false)], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        #expect(transport.calls("AK-off") == 0)
        #expect(await auth.status(of: "off")?.state == .disabled)
        await #expect(throws: AuthService.CommandError.disabled("off")) { try await auth.refresh("off") }
        await #expect(throws: AuthService.CommandError.unknownProfile("nope")) { try await auth.refresh("nope") }
        await auth.shutdown()
    }

    @Test func everyFollowerSeesEveryEvent() async throws {
        let transport = succeeding(lifetime: .seconds(300))
        let auth = service([TestProfiles.make("a"), TestProfiles.make("b")], transport: transport)
        let one = EventRecorder(await auth.events())
        let two = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(one) { $0.finished.count == 2 })
        #expect(await settle(two) { $0.finished.count == 2 })
        #expect(one.all.count == two.all.count)
        await auth.shutdown()
    }

    @Test func everyAttemptIsLoggedWithoutTheTokenOrSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("logs/results.jsonl").path
        let log = try ResultLog(destination: .file(path))
        let time = self.time
        let transport = ScriptedTransport { key, call in
            call == 2
                ? .success(ScriptedTransport.status(500))
                : .success(
                    ScriptedTransport.success(
                        token: "\(key)-secret-token-\(call)", now: time.now(), lifetime: .seconds(60)))
        }
        let auth = service([TestProfiles.make("a")], transport: transport, resultLog: log)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        await advance(.seconds(120), recorder: recorder)
        await auth.shutdown()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == transport.totalCalls)
        #expect(lines.count >= 3)
        #expect(!text.contains("secret-token"))
        #expect(!text.contains("do-not-print"))
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["outcome"] as? String == "success")
        #expect(first["tokenFingerprint"] as? String == SecretString("AK-a-secret-token-1").fingerprint)
        #expect(first["nextRefreshAt"] is String)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func tenThousandIdleProfilesCostNoPerSecondWork() async throws {
        let transport = succeeding(lifetime: .seconds(7200))
        let profiles = (0..<10_000).map { TestProfiles.make("p\($0)") }
        let auth = service(profiles, transport: transport, concurrency: 64)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        // A generous real-time limit: 10,000 fetches on a loaded 2-core machine take a while.
        #expect(await settle(recorder, limit: .seconds(120)) { $0.finished.count == 10_000 })
        let wakeupsBefore = await auth.timerWakeups
        await advance(.seconds(600), step: .seconds(1), recorder: recorder)
        let wakeups = await auth.timerWakeups - wakeupsBefore
        // Sleeps are capped at 60 s, so ten idle minutes cost about ten wake-ups, not 6,000,000.
        #expect(wakeups <= 12)
        #expect(transport.totalCalls == 10_000)
        await auth.shutdown()
    }
}
