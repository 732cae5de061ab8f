import Control
import Foundation
import Testing

/// A one-shot client (`printf '{"type":"status"}\n' | socat - UNIX-CONNECT:sock`) closes its
/// writing side after the request and still reads the reply.
@Suite struct ControlHalfCloseTests {
    @Test func aClientThatShutsDownItsWritingSideStillGetsItsReplies() async throws {
        let directory = try SocketDirectory()
        let service = GatedTokenService()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        let raw = try RawSocket(path: server.path)
        #expect(await raw.line()?.contains(#""type":"hello""#) == true)
        raw.write(#"{"type":"status","id":"s"}"# + "\n" + #"{"type":"refresh","profile":"alpha","id":7}"# + "\n")
        raw.shutdownWrite()
        // The refresh is still running when the server reads the end of the input.
        #expect(await service.waitForStarted(1) == 1)
        try await Task.sleep(for: .milliseconds(300))
        await service.open()

        let (lines, ending) = await raw.toEnd()
        #expect(lines.contains { $0.contains(#""type":"snapshot""#) && $0.contains(#""id":"s""#) })
        #expect(
            lines.contains { $0.contains(#""type":"result""#) && $0.contains(#""id":7"#) && $0.contains(#""ok":true"#) }
        )
        #expect(ending == .closed, "the server closes once it has answered")
        await server.close()
        await running.value
    }
}
