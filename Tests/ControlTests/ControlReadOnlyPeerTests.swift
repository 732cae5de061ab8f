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
        let lines = try await OtherUserSocket.talk(
            to: server.path, as: Self.nobody,
            [
                #"{"type":"status","id":1}"#, #"{"type":"refresh","profile":"alpha","id":2}"#,
                #"{"type":"status","id":3}"#,
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
        #expect(
            lines.contains { $0.contains(#""id":3"#) && $0.contains(#""type":"snapshot""#) },
            "the connection stayed usable: \(lines)")
        #expect(await service.refreshed.isEmpty, "the refused refresh reached the service")
        let logged = log.all.filter { $0.contains("refused refresh from uid 65534") }
        #expect(logged.count == 1, "\(log.all)")
    }

    @Test func aViewerRefusedInALoopCostsTwoLogLines() async throws {
        let service = FakeTokenService()
        let log = LogCapture()
        let (directory, server, running) = try await serve(service, othersMayAct: false, logger: log)
        defer { running.cancel() }
        let requests =
            (1...50).map { #"{"type":"refresh","profile":"alpha","id":\#($0)}"# } + [#"{"type":"status","id":99}"#]
        let lines = try await OtherUserSocket.talk(to: server.path, as: Self.nobody, requests)
        await server.close()
        _ = directory
        #expect(lines.filter { $0.contains(#""type":"error""#) }.count == 50, "every refusal is still answered")
        #expect(lines.contains { $0.contains(#""id":99"#) && $0.contains(#""type":"snapshot""#) })
        let refusals = log.all.filter { $0.contains("refused") }
        #expect(refusals.count == 2, "\(refusals)")
        #expect(refusals.first?.contains("refused refresh from uid 65534") == true, "\(refusals)")
        #expect(refusals.last?.contains("refused 49 more requests from uid 65534") == true, "\(refusals)")
    }

    @Test func withTheOptionTheGroupMayAct() async throws {
        let service = FakeTokenService()
        let (directory, server, running) = try await serve(service, othersMayAct: true, logger: LogCapture())
        defer { running.cancel() }
        let lines = try await OtherUserSocket.talk(
            to: server.path, as: Self.nobody, [#"{"type":"refresh","profile":"alpha","id":2}"#])
        await server.close()
        _ = directory
        #expect(lines.first?.contains(#""canAct":true"#) == true, "\(lines)")
        let result = try #require(lines.first { $0.contains(#""id":2"#) }, "\(lines)")
        #expect(result.contains(#""type":"result""#) && result.contains(#""ok":true"#), "\(result)")
        #expect(await service.refreshed == ["alpha"])
    }

    @Test func theOwnersOwnClientsMayAct() async throws {
        let (directory, server, running) = try await serve(
            FakeTokenService(), othersMayAct: false, logger: LogCapture())
        defer { running.cancel() }
        let client = try await ControlClient.connect(path: server.path)
        #expect(client.hello.canAct == true)
        client.close()
        await server.close()
        _ = directory
    }

    /// The owner's branch with real peer credentials (the tests run as root, which may act
    /// anyway): a server that counts uid 65534 as its own user lets that uid act, and still
    /// refuses another uid.
    @Test func theOwnersUserMayActThroughTheSocket() async throws {
        let service = FakeTokenService()
        let authority = ControlAuthority(ownerUID: Self.nobody)
        let (directory, server, running) = try await serve(service, authority: authority, logger: LogCapture())
        defer { running.cancel() }
        // Open to every uid, so one outside the group reaches it and is judged by its uid alone.
        chmod(server.path, 0o666)
        let own = try await OtherUserSocket.talk(
            to: server.path, as: Self.nobody, [#"{"type":"refresh","profile":"alpha","id":2}"#])
        let other = try await OtherUserSocket.talk(
            to: server.path, as: Self.nobody - 1, [#"{"type":"refresh","profile":"alpha","id":3}"#])
        await server.close()
        _ = directory
        #expect(own.first?.contains(#""canAct":true"#) == true, "\(own)")
        #expect(own.contains { $0.contains(#""id":2"#) && $0.contains(#""ok":true"#) }, "\(own)")
        #expect(other.first?.contains(#""canAct":false"#) == true, "\(other)")
        #expect(other.contains { $0.contains(#""id":3"#) && $0.contains(#""type":"error""#) }, "\(other)")
        #expect(await service.refreshed == ["alpha"], "only the owner's user refreshed")
    }

    private func serve(_ service: FakeTokenService, othersMayAct: Bool, logger: LogCapture) async throws
        -> (SocketDirectory, ControlServer, Task<Void, Never>)
    {
        try await serve(service, authority: ControlAuthority(othersMayAct: othersMayAct), logger: logger)
    }

    /// A server on a 0660 socket of group 65534, in a directory others may traverse.
    private func serve(_ service: FakeTokenService, authority: ControlAuthority, logger: LogCapture) async throws
        -> (SocketDirectory, ControlServer, Task<Void, Never>)
    {
        let directory = try SocketDirectory()
        chmod(directory.path, 0o711)
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .daemon, config: "/p.yaml",
            access: .group(gid_t(Self.nobody)),
            authority: authority, logger: logger.logger)
        let running = Task { await server.run() }
        return (directory, server, running)
    }
}
