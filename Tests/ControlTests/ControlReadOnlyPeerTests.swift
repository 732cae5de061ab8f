import Control
import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real client of another user (`setpriv` to uid 65534, as a member of the socket's group,
/// talking through `socat`): it may read, a request that acts is refused with an error line on
/// the same connection, which stays usable, and one line is logged; with the group allowed to
/// act, the same request is served.
@Suite(.serialized) struct ControlReadOnlyPeerTests {
    static let nobody: UInt32 = 65534

    @Test func anotherUserMayReadButNotRefresh() async throws {
        let service = FakeTokenService()
        let log = LogCapture()
        let (directory, server, running) = try await serve(service, othersMayAct: false, logger: log)
        defer { running.cancel() }
        let lines = try await Self.talk(to: server.path, as: Self.nobody, [
            #"{"type":"status","id":1}"#, #"{"type":"refresh","profile":"alpha","id":2}"#, #"{"type":"status","id":3}"#,
        ])
        await server.close()
        _ = directory
        let hello = try #require(lines.first)
        #expect(hello.contains(#""type":"hello""#) && hello.contains(#""canAct":false"#), "\(hello)")
        #expect(lines.contains { $0.contains(#""id":1"#) && $0.contains(#""type":"snapshot""#) }, "\(lines)")
        let refusal = try #require(lines.first { $0.contains(#""id":2"#) }, "\(lines)")
        #expect(refusal.contains(#""type":"error""#), "\(refusal)")
        #expect(refusal.contains("refused \\\"refresh\\\": uid 65534 may only read"), "\(refusal)")
        #expect(refusal.contains("--socket-group-can-act"), "\(refusal)")
        #expect(lines.contains { $0.contains(#""id":3"#) && $0.contains(#""type":"snapshot""#) }, "the connection stayed usable: \(lines)")
        #expect(await service.refreshed.isEmpty, "the refused refresh reached the service")
        let logged = log.all.filter { $0.contains("refused refresh from uid 65534") }
        #expect(logged.count == 1, "\(log.all)")
    }

    @Test func withTheOptionTheGroupMayAct() async throws {
        let service = FakeTokenService()
        let (directory, server, running) = try await serve(service, othersMayAct: true, logger: LogCapture())
        defer { running.cancel() }
        let lines = try await Self.talk(to: server.path, as: Self.nobody, [#"{"type":"refresh","profile":"alpha","id":2}"#])
        await server.close()
        _ = directory
        #expect(lines.first?.contains(#""canAct":true"#) == true, "\(lines)")
        let result = try #require(lines.first { $0.contains(#""id":2"#) }, "\(lines)")
        #expect(result.contains(#""type":"result""#) && result.contains(#""ok":true"#), "\(result)")
        #expect(await service.refreshed == ["alpha"])
    }

    @Test func theOwnersOwnClientsMayAct() async throws {
        let (directory, server, running) = try await serve(FakeTokenService(), othersMayAct: false, logger: LogCapture())
        defer { running.cancel() }
        let client = try await ControlClient.connect(path: server.path)
        #expect(client.hello.canAct == true)
        client.close()
        await server.close()
        _ = directory
    }

    /// A server on a 0660 socket of group 65534, in a directory others may traverse.
    private func serve(_ service: FakeTokenService, othersMayAct: Bool, logger: LogCapture) async throws
        -> (SocketDirectory, ControlServer, Task<Void, Never>)
    {
        let directory = try SocketDirectory()
        chmod(directory.path, 0o711)
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .daemon, config: "/p.yaml", access: .group(gid_t(Self.nobody)),
            authority: ControlAuthority(othersMayAct: othersMayAct), logger: logger.logger)
        let running = Task { await server.run() }
        return (directory, server, running)
    }

    /// Sends `requests` as `uid` (group `uid` too, no other groups) through `socat`, closes the
    /// sending side and returns every line the server wrote before it closed.
    static func talk(to path: String, as uid: UInt32, _ requests: [String]) async throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "socat", "-t", "30", "-", "UNIX-CONNECT:\(path)"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((requests.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(problems.isEmpty, "socat: \(problems)")
        return text.split(separator: "\n").map(String.init)
    }
}
