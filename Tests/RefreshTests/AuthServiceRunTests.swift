import Foundation
import TestFixtures
import Testing

@testable import EnKashClient
@testable import Refresh
@testable import ResultLog
@testable import TokenModel

/// `run()`, `requestStop()` and the orderly stop: everything the service starts ends with it.
extension AuthServiceTests {
    @Test func requestStopEndsRunCancellingAndLoggingTheRequestInFlight() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = try ResultLog(destination: .file(directory.file("results.jsonl")))
        let transport = HangingTransport()
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        let auth = AuthService(
            profiles: [TestProfiles.make("a"), TestProfiles.make("b")],
            client: TokenClient(transport: transport, time: time), concurrency: 1, policy: policy, resultLog: log,
            seed: 42)
        let recorder = EventRecorder(await auth.events())
        let events = await auth.events()
        async let running: Void = auth.run()
        #expect(await settle(recorder) { _ in transport.started == 1 })
        // The second profile waits for the one request slot; a manual refresh of it waits too.
        let first = try #require(
            recorder.all.compactMap { if case .attemptStarted(let name, _, _) = $0 { name } else { nil } }.first)
        async let manual = auth.refresh(first == "a" ? "b" : "a")
        #expect(await eventually { await auth.waiters.count == 1 })
        auth.requestStop()
        await running
        #expect(transport.cancelled == 1)
        #expect(try await manual == nil)
        let lines = try String(contentsOfFile: directory.file("results.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\"outcome\":\"transient\"") == true)
        // Every event stream ended; the service refuses commands and does not start again.
        var seen = 0
        for await _ in events { seen += 1 }
        #expect(seen > 0)
        await #expect(throws: AuthService.CommandError.stopped) { try await auth.refresh("a") }
        await auth.start()
        await auth.shutdown()
        #expect(transport.started == 1)
    }

    @Test func theStopWaitsForSinkDeliveriesInProgress() async throws {
        let delivery = RecordingDelivery(holding: true)
        let auth = service([TestProfiles.make("a")], transport: succeeding(lifetime: .seconds(600)), delivery: delivery)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in delivery.heldCount == 1 })
        async let stopped: Void = auth.shutdown()
        // The stop has begun, yet the delivery is still running.
        #expect(await eventually { await auth.stopping })
        for _ in 0..<100 { await Task.yield() }
        #expect(delivery.finished.isEmpty)
        delivery.release()
        await stopped
        #expect(delivery.finished.count == 1)
        #expect(recorder.sinkReports.count == 1)
    }

    @Test func shutdownEndsARunThatWasCalledDirectly() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        async let running: Void = auth.run()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        // A second run() only waits for the first.
        async let second: Void = auth.run()
        await auth.shutdown()
        await running
        await second
        #expect(await auth.status(of: "a")?.state == .valid)
        await #expect(throws: AuthService.CommandError.stopped) { try await auth.pause("a") }
        #expect(await auth.reload([]).errors == [AuthService.CommandError.stopped.description])
    }

    @Test func aServiceNeverStartedShutsDownAtOnce() async {
        let transport = succeeding(lifetime: .seconds(600))
        let auth = service([TestProfiles.make("a")], transport: transport)
        var events = await auth.events().makeAsyncIterator()
        await auth.shutdown()
        #expect(await events.next() == nil)
        #expect(transport.totalCalls == 0)
        await auth.run()
        #expect(transport.totalCalls == 0)
    }

    @Test func aTokenReceivedFromElsewhereReachesTheSinkAndTheFollowers() async throws {
        let delivery = RecordingDelivery()
        let transport = succeeding(lifetime: .seconds(600))
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        let auth = AuthService(
            profiles: [TestProfiles.make("far")], client: TokenClient(transport: transport, time: time), policy: policy,
            seed: 42, delivery: delivery, sources: ["far": .external])
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        let token = IssuedToken(
            value: SecretString("pushed"), issuedAt: time.now(),
            serverExpiryMs: time.now().adding(.seconds(600)).epochMilliseconds,
            expiresAt: time.now().adding(.seconds(600)))
        await auth.receive(token, for: "far")
        #expect(await settle(recorder) { $0.sinkReports.count == 1 })
        #expect(recorder.states("far").last == .valid)
        #expect(await auth.validToken(for: "far") == token)
        #expect(try await auth.refresh("far") == nil)
        #expect(transport.totalCalls == 0)
        await auth.shutdown()
    }

    /// Polls `condition` (yielding between tries) until it holds; false after `tries`.
    func eventually(tries: Int = 10_000, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<tries {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }
}
