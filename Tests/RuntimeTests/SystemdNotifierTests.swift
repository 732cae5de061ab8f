import Clocks
import Foundation
import Synchronization
import Testing
import TokenModel

@testable import Runtime

/// When the daemon tells systemd it is ready, reloading, stopping and alive: fed event
/// sequences, the messages it would send are recorded.
@Suite struct SystemdNotifierTests {
    final class Sent: Sendable {
        private let list = Mutex<[NotifyMessage]>([])
        func append(_ message: NotifyMessage) { list.withLock { $0.append(message) } }
        var messages: [NotifyMessage] { list.withLock { $0 } }
        var texts: [String] { messages.map(\.text) }
    }

    func status(_ name: String, state: ProfileState, enabled: Bool = true, fingerprint: String? = nil) -> ProfileStatus
    {
        ProfileStatus(
            name: name, merchant: name, environment: "sandbox", host: "127.0.0.1", baseURL: "http://127.0.0.1",
            maskedAccessKey: "AK…",
            tags: [], enabled: enabled, paused: false, state: state, tokenFingerprint: fingerprint)
    }

    func attempt(_ name: String, _ outcome: AttemptOutcome) -> AuthEvent {
        .attemptFinished(AttemptRecord(profile: name, trigger: .initial, startedAt: Date(), outcome: outcome))
    }

    func sink(_ name: String) -> AuthEvent {
        .sinkWritten(
            SinkReport(profile: name, path: "/s/\(name)", format: .raw, tokenFingerprint: "f", ok: true, at: Date()))
    }

    func notifier(_ sent: Sent) -> SystemdNotifier {
        SystemdNotifier(send: { sent.append($0) }, monotonicMicroseconds: { 777 })
    }

    @Test func readyOnlyAfterEveryFirstAttemptAndItsSink() async {
        let sent = Sent()
        let notifier = notifier(sent)
        // alpha fetches and has a sink, beta fetches, gamma adopted its sink's token, delta is disabled.
        await notifier.begin(
            statuses: [
                status("alpha", state: .fetching), status("beta", state: .fetching),
                status("gamma", state: .valid, fingerprint: "abc"), status("delta", state: .disabled, enabled: false),
            ],
            sinkProfiles: ["alpha", "gamma"])
        await notifier.daemonStarted()
        await notifier.observe(.attemptStarted(profile: "alpha", trigger: .initial, at: Date()))
        await notifier.observe(attempt("beta", .rejected))
        await notifier.observe(attempt("alpha", .success))
        #expect(sent.messages.isEmpty, "alpha's token is not in its sink yet")
        await notifier.observe(.stateChanged(status("alpha", state: .valid, fingerprint: "f")))
        await notifier.observe(.stateChanged(status("beta", state: .rejected)))
        await notifier.observe(sink("alpha"))
        #expect(sent.texts == ["READY=1\nSTATUS=3 profiles: 2 valid, 1 rejected"])
        // Later attempts and sinks send nothing more.
        await notifier.observe(attempt("alpha", .success))
        await notifier.observe(sink("alpha"))
        #expect(sent.messages.count == 1)
    }

    @Test func readyWaitsForTheDaemonToHaveStarted() async {
        let sent = Sent()
        let notifier = notifier(sent)
        await notifier.begin(statuses: [status("gamma", state: .valid, fingerprint: "abc")], sinkProfiles: [])
        #expect(sent.messages.isEmpty)
        await notifier.daemonStarted()
        #expect(sent.texts == ["READY=1\nSTATUS=1 profile: 1 valid"])
    }

    @Test func failedFirstAttemptsCountAndARemovedProfileIsNotWaitedFor() async {
        let sent = Sent()
        let notifier = notifier(sent)
        await notifier.begin(
            statuses: [status("a", state: .fetching), status("b", state: .fetching)], sinkProfiles: ["a"])
        await notifier.daemonStarted()
        await notifier.observe(attempt("a", .transient))
        #expect(sent.messages.isEmpty)
        await notifier.observe(.reloaded(ReloadSummary(removed: ["b"], unchanged: ["a"])))
        #expect(sent.texts.first?.hasPrefix("READY=1") == true)
    }

    @Test func reloadsAreBracketedOnceReadyAndStopIsSentOnce() async {
        let sent = Sent()
        let notifier = notifier(sent)
        await notifier.begin(statuses: [status("a", state: .fetching)], sinkProfiles: [])
        await notifier.daemonStarted()
        // A reload during start-up tells systemd nothing.
        await notifier.reloadStarted()
        await notifier.reloadFinished(ReloadSummary(unchanged: ["a"]))
        #expect(sent.messages.isEmpty)
        await notifier.observe(attempt("a", .success))
        await notifier.reloadStarted()
        await notifier.reloadFinished(ReloadSummary(unchanged: ["a"]))
        await notifier.reloadStarted()
        await notifier.reloadFinished(ReloadSummary(errors: ["bad"]))
        await notifier.stop()
        await notifier.stop()
        await notifier.reloadStarted()
        let texts = sent.texts
        #expect(texts.count == 6)
        #expect(texts[1] == "RELOADING=1\nMONOTONIC_USEC=777\nSTATUS=reloading the profiles file")
        #expect(texts[2].hasPrefix("READY=1\nSTATUS=reloaded;"))
        #expect(texts[4].hasPrefix("READY=1\nSTATUS=reload refused"))
        #expect(texts[5] == "STOPPING=1\nSTATUS=stopping")
    }

    @Test func noReadyOnceStopping() async {
        let sent = Sent()
        let notifier = notifier(sent)
        await notifier.begin(statuses: [status("a", state: .fetching)], sinkProfiles: [])
        await notifier.daemonStarted()
        await notifier.stop()
        await notifier.observe(attempt("a", .success))
        #expect(sent.texts == ["STOPPING=1\nSTATUS=stopping"])
    }

    @Test func watchdogPingsEveryIntervalOnATestClock() async throws {
        let sent = Sent()
        let notifier = notifier(sent)
        let clock = TestClock()
        let service = WatchdogService(interval: .seconds(15), notifier: notifier) { try await clock.sleep(for: $0) }
        let task = Task { try await service.run() }
        func pings() -> Int { sent.messages.count { $0 == .watchdog } }
        func settle(until count: Int) async {
            for _ in 0..<10_000 where pings() < count { await Task.yield() }
        }
        await settle(until: 1)
        #expect(pings() == 1, "one at once")
        await clock.advance(by: .seconds(14))
        await settle(until: 2)
        #expect(pings() == 1)
        await clock.advance(by: .seconds(1))
        await settle(until: 2)
        #expect(pings() == 2)
        for expected in 3...4 {
            await clock.advance(by: .seconds(15))
            await settle(until: expected)
            #expect(pings() == expected)
        }
        task.cancel()
        try await task.value
    }
}
