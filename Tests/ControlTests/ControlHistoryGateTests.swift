import Control
import Foundation
import Testing
import TokenModel

/// `history` cannot crowd the refresher out: answers go one at a time across the server, one at
/// a time per connection (another sent meanwhile gets an error line), and a `status` from another
/// client is answered while history requests wait.
@Suite(.serialized) struct ControlHistoryGateTests {
    static func history(_ id: Int) -> String { #"{"type":"history","limit":10,"id":\#(id)}"# + "\n" }

    @Test func historyGoesOneAtATimeAndStatusIsNotHeldUp() async throws {
        let directory = try SocketDirectory()
        let history = GatedHistory()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: FakeTokenService(), history: history, role: .daemon, config: "/p.yaml")
        let running = Task { await server.run() }
        defer { running.cancel() }
        var clients: [RawSocket] = []
        for _ in 0..<3 {
            let client = try RawSocket(path: server.path)
            #expect(await client.line()?.contains(#""type":"hello""#) == true)
            client.write((1...5).map(Self.history).joined())
            clients.append(client)
        }
        for client in clients {
            for id in 2...5 {
                let refused = await client.line(containing: #""id":\#(id)"#)
                #expect(
                    refused?.contains("already being answered on this connection") == true, "\(refused ?? "nothing")")
            }
        }
        #expect(await history.waitForStarted(1) == 1)

        // Another client's status while three history requests are held or queued.
        let other = try RawSocket(path: server.path)
        other.write(#"{"type":"status","id":9}"# + "\n")
        let status = await other.line(containing: #""id":9"#)
        #expect(status?.contains(#""type":"snapshot""#) == true, "\(status ?? "no answer")")
        #expect(await history.started == 1, "the other history requests wait at the gate, not in the reader")

        await history.open()
        for client in clients {
            let answer = await client.line(containing: #""id":1"#)
            #expect(answer?.contains(#""type":"attempts""#) == true, "\(answer ?? "no answer")")
        }
        #expect(await history.started == 3)
        #expect(await history.mostAtOnce == 1)

        // Once its answer is out, a connection may ask again.
        clients[0].write(Self.history(6))
        #expect(await clients[0].line(containing: #""id":6"#)?.contains(#""type":"attempts""#) == true)
        await server.close()
    }
}
