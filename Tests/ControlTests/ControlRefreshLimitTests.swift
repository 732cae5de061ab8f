import Control
import EnKashClient
import Foundation
import Refresh
import Synchronization
import TestFixtures
import Testing
import TokenModel

/// Refreshes of a `rejected` profile over the socket, against the real auth service: without
/// `force` none reaches EnKash (each would be a failed login towards the lockout), with it one
/// does and the rest within the rate limit get its record.
@Suite struct ControlRefreshLimitTests {
    @Test func tenRefreshesOfARejectedProfileCostNothingWithoutForceAndOneRequestWithIt() async throws {
        let transport = ScriptedTransport { _, _ in
            .success(
                ScriptedTransport.status(
                    401, body: #"{"resultCode":1001,"resultMessage":"Invalid accessKey or secretKey."}"#))
        }
        // The clock stands still unless the test moves it; sleeps are real, so the automatic
        // retry (minutes away) never comes within the test.
        let clock = Mutex(TestProfiles.origin)
        let time = TimeSource(now: { clock.withLock { $0 } }, sleep: { try await Task.sleep(for: $0) })
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        let auth = AuthService(
            profiles: [TestProfiles.make("acme")], client: TokenClient(transport: transport, time: time), policy: policy
        )
        await auth.start()
        let directory = try SocketDirectory()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: auth, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }

        let raw = try RawSocket(path: server.path)
        raw.write(#"{"type":"subscribe","id":0}"# + "\n")
        #expect(await raw.line(containing: #""state":"rejected""#) != nil, "the first attempt is rejected")
        #expect(transport.totalCalls == 1)

        for id in 1...10 { raw.write(#"{"type":"refresh","profile":"acme","id":\#(id)}"# + "\n") }
        var refusals = 0
        for _ in 1...10 {
            let line = try #require(await raw.line(containing: #""type":"result""#))
            if line.contains(#""ok":false"#) && line.contains("is rejected") && line.contains(#"\"force\":true"#) {
                refusals += 1
            }
        }
        #expect(refusals == 10)
        #expect(transport.totalCalls == 1, "an unforced refresh of a rejected profile reached EnKash")

        // Past the rate limit since the first attempt, ten forced ones at once: one request.
        clock.withLock { $0 = $0.addingTimeInterval(10) }
        for id in 11...20 { raw.write(#"{"type":"refresh","profile":"acme","force":true,"id":\#(id)}"# + "\n") }
        var answered = 0
        var forcedRecord: String?
        for _ in 11...20 {
            let line = try #require(await raw.line(containing: #""type":"result""#))
            if line.contains(#""ok":true"#) && line.contains(#""outcome":"rejected""#)
                && line.contains(#""trigger":"manual""#)
            {
                answered += 1
                forcedRecord = Self.record(in: line)
            }
        }
        #expect(answered == 10)
        #expect(transport.totalCalls == 2, "ten forced refreshes within the limit sent more than one request")

        // The ten above may all have joined one request in flight; the clock proves the limit:
        // 2 s after that attempt, a forced refresh gets its record (marked reused) and sends none.
        clock.withLock { $0 = $0.addingTimeInterval(2) }
        raw.write(#"{"type":"refresh","profile":"acme","force":true,"id":21}"# + "\n")
        let soon = try #require(await raw.line(containing: #""id":21"#))
        #expect(
            soon.contains(#""ok":true"#) && soon.contains(#""reused":true"#) && soon.contains(#""intervalMs":5000"#),
            "\(soon)")
        #expect(Self.record(in: soon) == forcedRecord, "not the last attempt's record")
        #expect(transport.totalCalls == 2, "a forced refresh 2 s after the last attempt sent a request")

        // 6 s after it, one more request, and a record of its own.
        clock.withLock { $0 = $0.addingTimeInterval(4) }
        raw.write(#"{"type":"refresh","profile":"acme","force":true,"id":22}"# + "\n")
        let later = try #require(await raw.line(containing: #""id":22"#))
        #expect(later.contains(#""ok":true"#) && !later.contains(#""reused""#), "\(later)")
        #expect(Self.record(in: later) != forcedRecord)
        #expect(
            transport.totalCalls == 3, "a forced refresh 6 s after the last attempt did not send exactly one request")

        running.cancel()
        await server.close()
        await auth.shutdown()
    }

    /// The `record` object of a result line, re-encoded with sorted keys so two compare equal
    /// when they hold the same attempt.
    private static func record(in line: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let record = object["record"],
            let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
