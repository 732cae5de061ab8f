import Clocks
import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import ResultLog
@testable import TokenModel

/// Reload, seeds from sinks and the delivery hook, on the test clock of `AuthServiceTests`.
extension AuthServiceTests {
    @Test func reloadKeepsTokensOfUnchangedProfilesAndFetchesOnlyWhatChanged() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let names = ["same", "renamed", "rekeyed", "gone"]
        let auth = service(names.map { TestProfiles.make($0) }, transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 4 })
        let before = try #require(await auth.status(of: "renamed"))

        var renamed = TestProfiles.make("renamed")
        renamed.merchant = "A New Name"
        var rekeyed = TestProfiles.make("rekeyed")
        rekeyed.secretKey = SecretString("SK-rotated-do-not-print")
        let summary = await auth.reload([TestProfiles.make("same"), renamed, rekeyed, TestProfiles.make("new")])
        #expect(
            summary
                == ReloadSummary(
                    added: ["new"], removed: ["gone"], changed: ["rekeyed"], updated: ["renamed"], unchanged: ["same"]))
        #expect(await settle(recorder) { $0.finished.count == 6 })

        #expect(transport.calls("AK-same") == 1)
        #expect(transport.calls("AK-renamed") == 1)
        #expect(transport.calls("AK-rekeyed") == 2)
        #expect(transport.calls("AK-new") == 1)
        #expect(transport.calls("AK-gone") == 1)
        #expect(await auth.profileNames == ["same", "renamed", "rekeyed", "new"])
        let after = try #require(await auth.status(of: "renamed"))
        #expect(after.tokenFingerprint == before.tokenFingerprint)
        #expect(after.nextRefreshAt == before.nextRefreshAt)
        #expect(after.merchant == "A New Name")
        #expect(await auth.status(of: "rekeyed")?.tokenFingerprint == SecretString("AK-rekeyed-token-2").fingerprint)
        #expect(await auth.status(of: "gone") == nil)
        await #expect(throws: AuthService.CommandError.unknownProfile("gone")) { try await auth.refresh("gone") }
        #expect(recorder.reloads == [summary])

        // The removed profile's timers are gone: an hour on, it was never fetched again.
        await advance(.seconds(3600), step: .seconds(60), recorder: recorder)
        #expect(transport.calls("AK-gone") == 1)
        #expect(transport.calls("AK-same") > 1)
        await auth.shutdown()
    }

    @Test func reloadReschedulesWhenRefreshBeforeChanges() async throws {
        let transport = succeeding(lifetime: .seconds(3600))
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        let first = try #require(await auth.status(of: "a"))
        let summary = await auth.reload([TestProfiles.make("a", before: .seconds(1200))])
        #expect(summary.updated == ["a"])
        let second = try #require(await auth.status(of: "a"))
        let lead = try #require(second.expiresAt).timeIntervalSince(try #require(second.nextRefreshAt))
        #expect(lead >= 1200 - 0.01 && lead <= 1500 + 0.01)
        #expect(second.tokenFingerprint == first.tokenFingerprint)
        #expect(transport.totalCalls == 1)
        await auth.shutdown()
    }

    @Test func aRemovedProfilesRequestInFlightIsLoggedButDropped() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = try ResultLog(destination: .file(directory.file("results.jsonl")))
        let time = self.time
        let transport = ScriptedTransport(holding: true) { key, call in
            .success(ScriptedTransport.success(token: "\(key)-token-\(call)", now: time.now(), lifetime: .seconds(600)))
        }
        let delivery = RecordingDelivery()
        let auth = service(
            [TestProfiles.make("stay"), TestProfiles.make("leave")], transport: transport, resultLog: log,
            delivery: delivery)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in transport.heldCount == 2 })
        let summary = await auth.reload([TestProfiles.make("stay")])
        #expect(summary.removed == ["leave"])
        transport.release()
        #expect(await settle(recorder) { $0.finished.count == 2 && $0.sinkReports.count == 1 })
        #expect(await auth.snapshot().map(\.name) == ["stay"])
        #expect(await auth.validToken(for: "leave") == nil)
        #expect(!recorder.states("leave").contains(.valid))
        #expect(delivery.started == [SecretString("AK-stay-token-1").fingerprint])
        let lines = try String(contentsOfFile: directory.file("results.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains("\"profile\":\"leave\"") && $0.contains("\"outcome\":\"success\"") })
        await auth.shutdown()
    }

    @Test func changedCredentialsDropTheRequestInFlightAndFetchAgain() async throws {
        let time = self.time
        let transport = ScriptedTransport(holding: true) { key, call in
            .success(ScriptedTransport.success(token: "\(key)-token-\(call)", now: time.now(), lifetime: .seconds(600)))
        }
        let auth = service([TestProfiles.make("a")], transport: transport)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in transport.heldCount == 1 })
        var rekeyed = TestProfiles.make("a")
        rekeyed.baseURL = URL(string: "https://other.example.test")!
        #expect(await auth.reload([rekeyed]).changed == ["a"])
        #expect(await settle(recorder) { _ in transport.heldCount == 2 })
        transport.release()
        #expect(await settle(recorder) { $0.finished.count == 2 })
        #expect(await auth.status(of: "a")?.tokenFingerprint == SecretString("AK-a-token-2").fingerprint)
        #expect(await auth.status(of: "a")?.baseURL == "https://other.example.test")
        await auth.shutdown()
    }

    @Test func aSeedValidPastItsRefreshTimeReplacesTheInitialFetch() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let now = time.now()
        let seed = IssuedToken(
            value: SecretString("seeded-token"), issuedAt: now.adding(.seconds(-60)),
            serverExpiryMs: now.adding(.seconds(540)).epochMilliseconds, expiresAt: now.adding(.seconds(540)))
        let auth = service(
            [TestProfiles.make("seeded"), TestProfiles.make("other")], transport: transport, seeds: ["seeded": seed])
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        await advance(.seconds(5), recorder: recorder)
        #expect(transport.calls("AK-seeded") == 0)
        #expect(transport.calls("AK-other") == 1)
        let status = try #require(await auth.status(of: "seeded"))
        #expect(status.state == .valid)
        #expect(status.tokenFingerprint == seed.fingerprint)
        let lead = try #require(status.expiresAt).timeIntervalSince(try #require(status.nextRefreshAt))
        #expect(lead >= 120 - 0.01 && lead <= 150 + 0.01)
        #expect(await auth.validToken(for: "seeded")?.value == seed.value)
        #expect(status.lastSuccessAt == seed.issuedAt, "an adopted token's success time is when it was issued")
        // It is refreshed on schedule like any other token.
        #expect(
            await advance(by: .seconds(5), upTo: .seconds(480), recorder: recorder) { _ in
                transport.calls("AK-seeded") == 1
            })
        await auth.shutdown()
    }

    @Test func aSeedNearItsExpiryIsFetchedAnyway() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let now = time.now()
        // 100 s left of 600: inside the 120 s refresh lead.
        let seed = IssuedToken(
            value: SecretString("old-token"), issuedAt: now.adding(.seconds(-500)),
            serverExpiryMs: now.adding(.seconds(100)).epochMilliseconds, expiresAt: now.adding(.seconds(100)))
        let auth = service([TestProfiles.make("a")], transport: transport, seeds: ["a": seed])
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        #expect(transport.calls("AK-a") == 1)
        #expect(await auth.status(of: "a")?.tokenFingerprint == SecretString("AK-a-token-1").fingerprint)
        await auth.shutdown()
    }

    @Test func deliveriesForOneProfileFollowTheLogLineNeverOverlapAndKeepTheirOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let logPath = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(logPath))
        let transport = succeeding(lifetime: .seconds(600))
        let delivery = RecordingDelivery(holding: true, logPath: logPath)
        let auth = service([TestProfiles.make("a")], transport: transport, resultLog: log, delivery: delivery)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { _ in delivery.heldCount == 1 })
        // Each manual refresh past the rate limit (`manualRefreshInterval`), so each sends one.
        await advance(.seconds(5), recorder: recorder)
        _ = try await auth.refresh("a")
        await advance(.seconds(5), recorder: recorder)
        _ = try await auth.refresh("a")
        #expect(transport.totalCalls == 3)
        // The second and third wait for the first, which is still being written.
        #expect(await settle(recorder) { recorder in delivery.started.count == 1 && recorder.finished.count == 3 })
        #expect(delivery.started.count == 1)

        let shutdown = Task { await auth.shutdown() }
        #expect(await settle(recorder) { _ in delivery.heldCount == 1 })
        delivery.release()
        await shutdown.value
        let expected = (1...3).map { SecretString("AK-a-token-\($0)").fingerprint }
        #expect(delivery.finished == expected)
        #expect(delivery.maxActive == 1)
        #expect(delivery.loggedFirst == [true, true, true])
        #expect(recorder.sinkReports.map(\.tokenFingerprint) == expected)
    }

    @Test func aProfileThatGainsASinkOnReloadGetsItsCurrentTokenWithoutANewFetch() async throws {
        let transport = succeeding(lifetime: .seconds(600))
        let delivery = RecordingDelivery()
        let auth = service([TestProfiles.make("a")], transport: transport, delivery: delivery)
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        // The recording delivery sees every token, sink or not: one for the first fetch.
        #expect(await settle(recorder) { recorder in recorder.finished.count == 1 && delivery.finished.count == 1 })
        var withSink = TestProfiles.make("a")
        withSink.sink = TokenSink(path: "/nonexistent/a.token")
        let summary = await auth.reload([withSink])
        #expect(summary.updated == ["a"])
        #expect(await settle(recorder) { _ in delivery.finished.count == 2 })
        #expect(delivery.finished == Array(repeating: SecretString("AK-a-token-1").fingerprint, count: 2))
        #expect(transport.totalCalls == 1)
        // Settings that do not touch the sink deliver nothing more.
        var renamed = withSink
        renamed.merchant = "Renamed"
        _ = await auth.reload([renamed])
        await advance(.seconds(5), recorder: recorder)
        #expect(delivery.finished.count == 2)
        await auth.shutdown()
    }
}
