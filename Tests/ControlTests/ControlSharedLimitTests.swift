import Control
import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// All connections together cannot make the server hold without bound: past the connection
/// cap a new client gets one error line and is closed, and a client that lets more than its
/// share of the shared output budget wait unread is disconnected, while the others go on.
@Suite struct ControlSharedLimitTests {
    static let status = #"{"type":"status","id":1}"# + "\n"

    @Test func aClientPastTheConnectionCapGetsOneErrorLineAndIsClosed() async throws {
        let directory = try SocketDirectory()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), role: .daemon, config: "/p.yaml",
            limits: ControlLimits(connections: 2))
        let running = Task { await server.run() }
        defer { running.cancel() }
        #expect(server.connectionCap == 2)
        let first = try RawSocket(path: server.path)
        let second = try RawSocket(path: server.path)
        #expect(await first.line()?.contains(#""type":"hello""#) == true)
        #expect(await second.line()?.contains(#""type":"hello""#) == true)

        let extra = try RawSocket(path: server.path)
        let (lines, ending) = await extra.toEnd()
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains(#""type":"error""#) == true, "\(lines)")
        #expect(lines.first?.contains("too many connections (limit 2); try again later") == true, "\(lines)")
        #expect(ending == .closed)

        // The first two are still served.
        first.write(Self.status)
        second.write(Self.status)
        #expect(await first.line(containing: #""type":"snapshot""#) != nil)
        #expect(await second.line(containing: #""type":"snapshot""#) != nil)

        // A client leaving frees its place.
        shutdown(first.fd, Int32(SHUT_RDWR))
        var admitted = false
        let deadline = ContinuousClock.now + .seconds(10)
        while !admitted && ContinuousClock.now < deadline {
            let next = try RawSocket(path: server.path)
            admitted = await next.line()?.contains(#""type":"hello""#) == true
            if !admitted { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(admitted, "no place freed after a client left")
        await server.close()
        await running.value
    }

    @Test func aClientThatDoesNotReadIsClosedPastItsShareOfTheSharedBudget() async throws {
        let directory = try SocketDirectory()
        let log = LogCapture()
        let budget = 32 << 10
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), role: .daemon, config: "/p.yaml",
            limits: ControlLimits(totalQueuedBytes: budget), logger: log.logger)
        let running = Task { await server.run() }
        defer { running.cancel() }
        let reader = try RawSocket(path: server.path)
        #expect(await reader.line()?.contains(#""type":"hello""#) == true)
        let idle = try RawSocket(path: server.path)

        // Far more replies than the socket buffers and the budget hold, never read.
        let requests = 5_000
        idle.write(String(repeating: Self.status, count: requests))
        var most = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while !log.all.contains(where: { $0.contains("disconnected a client") }) && ContinuousClock.now < deadline {
            most = max(most, server.queuedBytes)
            try await Task.sleep(for: .milliseconds(5))
        }
        most = max(most, server.queuedBytes)
        #expect(most <= budget, "\(most) bytes waited unread")
        #expect(log.all.contains { $0.contains("disconnected a client") && $0.contains("share") }, "\(log.all)")

        let (lines, ending) = await idle.toEnd()
        #expect(ending == .closed, "the server kept a client that reads nothing (\(lines.count) lines)")
        #expect(lines.count < requests)

        // The other client is unaffected.
        reader.write(Self.status)
        #expect(await reader.line(containing: #""type":"snapshot""#) != nil)
        await server.close()
        await running.value
    }
}
