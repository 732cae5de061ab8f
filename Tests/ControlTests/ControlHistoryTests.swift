import Control
import Foundation
import TestFixtures
import Testing
import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// The `history` request: a viewer asks the refresher for the attempts before it started. The
/// answer holds records with fingerprints only, is bounded (24 h, 10,000), and is a reading
/// request a read-only peer may send.
@Suite(.serialized) struct ControlHistoryTests {
    static let start = Date(epochMilliseconds: Date().epochMilliseconds - 3_600_000)

    @Test func theRequestAndItsAnswerRoundTrip() throws {
        let since = Date(epochMilliseconds: 1_800_000_000_123)
        let messages: [ControlMessage] = [
            .request(.history(since: since, limit: 50), id: .number(7)),
            .request(.history(since: nil, limit: nil), id: nil),
            .history(AttemptHistory(records: [FakeHistory.record(1, start: since)], skipped: 2), id: .number(7)),
        ]
        for message in messages {
            let line = ControlCodec.encode(message)
            #expect(ControlCodec.encode(try ControlCodec.decode(Array(line.utf8))) == line)
        }
        #expect(
            ControlCodec.encode(messages[0])
                == #"{"id":7,"limit":50,"since":"2027-01-15T08:00:00.123Z","type":"history"}"#)
        #expect(!ControlRequest.history(since: nil, limit: nil).needsActing)
        #expect(ControlRequest.history(since: nil, limit: nil).typeName == "history")
    }

    @Test func recordsArriveWithFingerprintsOnlyAndBounded() async throws {
        let directory = try SocketDirectory()
        let history = FakeHistory(records: (1...30).map { FakeHistory.record($0, start: Self.start) }, skipped: 4)
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), history: history, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        defer { running.cancel() }
        let client = try await ControlClient.connect(path: server.path)
        let remote = RemoteTokenService(client: client)
        let all = await remote.history(since: .distantPast, limit: 1_000_000)
        #expect(all.records.count == 30)
        #expect(all.records.first == FakeHistory.record(1, start: Self.start))
        #expect(all.skipped == 4 && all.problems.isEmpty)
        let asked = try #require(history.asked.withLock { $0.first })
        #expect(asked.limit == 10_000, "the limit is capped")
        #expect(Date().timeIntervalSince(asked.since) <= 86_400 + 60, "never older than 24 h")
        let few = await remote.history(since: .distantPast, limit: 5)
        #expect(few.records.map(\.startedAt) == (26...30).map { FakeHistory.record($0, start: Self.start).startedAt })

        // On the wire: a fingerprint, never a token field.
        guard case .history(let answer, _) = try await client.send(.history(since: nil, limit: 3)) else {
            Issue.record("no history answer")
            return
        }
        let line = ControlCodec.encode(.history(answer, id: nil))
        #expect(line.contains(#""tokenFingerprint":"5dc17f91dbe3""#))
        #expect(!line.contains(#""token""#) && !line.contains("accessToken") && !line.contains("secret"), "\(line)")
        client.close()
        await server.close()
    }

    @Test func aServerWithoutHistoryAnswersNone() async throws {
        let directory = try SocketDirectory()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        defer { running.cancel() }
        let client = try await ControlClient.connect(path: server.path)
        #expect(await RemoteTokenService(client: client).history(since: .distantPast, limit: 10) == AttemptHistory())
        client.close()
        await server.close()
    }

    @Test func aReadOnlyPeerMayAskForHistory() async throws {
        let directory = try SocketDirectory()
        chmod(directory.path, 0o711)
        let history = FakeHistory(records: (1...3).map { FakeHistory.record($0, start: Self.start) })
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), history: history, role: .daemon, config: "/p.yaml",
            access: .group(gid_t(ControlReadOnlyPeerTests.nobody)), authority: ControlAuthority(othersMayAct: false),
            logger: LogCapture().logger)
        let running = Task { await server.run() }
        defer { running.cancel() }
        let lines = try await OtherUserSocket.talk(
            to: server.path, as: ControlReadOnlyPeerTests.nobody, [#"{"type":"history","limit":2,"id":1}"#])
        await server.close()
        #expect(lines.first?.contains(#""canAct":false"#) == true, "\(lines)")
        let answer = try #require(lines.first { $0.contains(#""id":1"#) }, "\(lines)")
        #expect(answer.contains(#""type":"attempts""#), "\(answer)")
        let decoded = try ControlCodec.decode(Array(answer.utf8))
        guard case .history(let received, _) = decoded else {
            Issue.record("not a history answer: \(answer)")
            return
        }
        #expect(received.records == Array(history.records.suffix(2)))
    }
}
