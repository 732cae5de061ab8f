import Control
import Foundation
import TestFixtures
import Testing

/// One connection cannot make the server hold without bound: requests in flight stop at the
/// limit (the server stops reading), and a client that does not read is disconnected once its
/// queued replies and events pass the byte bound, with the reason logged.
@Suite struct ControlConnectionLimitTests {
    @Test func atMost32RequestsOfOneConnectionRunAtOnce() async throws {
        let directory = try SocketDirectory()
        let service = GatedTokenService()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        let raw = try RawSocket(path: server.path)
        #expect(await raw.line()?.contains(#""type":"hello""#) == true)
        raw.write((1...40).map { #"{"type":"refresh","profile":"alpha","id":\#($0)}"# + "\n" }.joined())

        #expect(await service.waitForStarted(32) == 32)
        // Give the server every chance to start more than the limit.
        try await Task.sleep(for: .milliseconds(500))
        #expect(await service.started == 32, "more than 32 requests of one connection ran at once")
        await service.open()

        var ids: Set<String> = []
        for _ in 1...40 {
            guard let line = await raw.line() else { break }
            #expect(line.contains(#""type":"result""#) && line.contains(#""ok":true"#))
            if let range = line.range(of: #""id":[0-9]+"#, options: .regularExpression) {
                ids.insert(String(line[range]))
            }
        }
        #expect(ids.count == 40, "every request is answered once the first ones are")
        #expect(await service.mostAtOnce == 32)
        await server.close()
        await running.value
    }

    @Test func aClientThatDoesNotReadIsDisconnectedPastTheByteBound() async throws {
        let directory = try SocketDirectory()
        let service = FakeTokenService()
        let log = LogCapture()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .daemon, config: "/p.yaml",
            limits: ControlLimits(queuedBytes: 64 << 10), logger: log.logger)
        let running = Task { await server.run() }
        defer { running.cancel() }
        let raw = try RawSocket(path: server.path)
        raw.write(#"{"type":"subscribe","id":1}"# + "\n")
        #expect(await raw.line(containing: #""type":"snapshot""#) != nil)

        // ~2 MB of events, far past what the socket buffers and 64 KiB hold, while the client
        // reads nothing; well under the 10,000-line bound.
        let status = FakeTokenService.status("alpha", state: .refreshing)
        for _ in 0..<3_000 { await service.emit(.stateChanged(status)) }
        // The client reads nothing until the server has given up on it (the 10,000-line
        // bound alone never would).
        let deadline = ContinuousClock.now + .seconds(20)
        while !log.all.contains(where: { $0.contains("disconnected a client") }) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }

        let (lines, ending) = await raw.toEnd()
        #expect(ending == .closed, "the server kept a client that reads nothing (\(lines.count) lines)")
        #expect(lines.count < 3_000, "\(lines.count) lines; last: \(lines.last?.prefix(200) ?? "")")
        #expect(
            log.all.contains { $0.contains("disconnected a client") && $0.contains("bytes wait unread") }, "\(log.all)")
        await server.close()
        await running.value
    }
}
