import Control
import Foundation
import Testing
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real server and client over a Unix socket in a temporary directory.
@Suite struct ControlServerTests {
    static let config = "/etc/tokentop/profiles.yaml"

    /// Binds a server for `service` at `path` and runs it until `body` returns.
    static func serving<T>(
        _ service: any TokenService, at path: String, _ body: (ControlServer) async throws -> T
    ) async throws -> T {
        let server = try await ControlServer.bind(path: path, service: service, role: .dashboard, config: config)
        let running = Task { await server.run() }
        defer { running.cancel() }
        do {
            let result = try await body(server)
            await server.close()
            await running.value
            return result
        } catch {
            await server.close()
            await running.value
            throw error
        }
    }

    @Test func helloNamesTheOwnerAndItsConfig() async throws {
        let directory = try SocketDirectory()
        try await Self.serving(FakeTokenService(), at: directory.socket()) { server in
            let client = try await ControlClient.connect(path: server.path, expectedConfig: Self.config)
            defer { client.close() }
            #expect(client.hello.protocolVersion == 1)
            #expect(client.hello.role == .dashboard)
            #expect(client.hello.pid == getpid())
            #expect(client.hello.config == Self.config)
            #expect(client.hello.profiles == 2)
        }
    }

    @Test func aClientForAnotherConfigIsRefused() async throws {
        let directory = try SocketDirectory()
        _ = try await Self.serving(FakeTokenService(), at: directory.socket()) { server in
            await #expect(throws: ControlError.self) {
                try await ControlClient.connect(path: server.path, expectedConfig: "/other/profiles.yaml")
            }
        }
    }

    @Test func theSocketIsPrivateAndRemovedAtTheEnd() async throws {
        let directory = try SocketDirectory()
        let path = directory.socket()
        try await Self.serving(FakeTokenService(), at: path) { _ in
            var info = stat()
            #expect(lstat(path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func subscribeGetsTheSnapshotThenEvents() async throws {
        let directory = try SocketDirectory()
        let service = FakeTokenService()
        try await Self.serving(service, at: directory.socket()) { server in
            let client = try await ControlClient.connect(path: server.path)
            defer { client.close() }
            var updates = client.subscribe().makeAsyncIterator()
            guard case .snapshot(let profiles)? = await updates.next() else {
                Issue.record("no snapshot first")
                return
            }
            #expect(profiles.map(\.name) == ["alpha", "beta"])
            await service.emit(.stateChanged(FakeTokenService.status("alpha", state: .refreshing)))
            guard case .event(.stateChanged(let status))? = await updates.next() else {
                Issue.record("no event")
                return
            }
            #expect(status.name == "alpha" && status.state == .refreshing)
        }
    }

    @Test func commandsReachTheService() async throws {
        let directory = try SocketDirectory()
        let service = FakeTokenService()
        try await Self.serving(service, at: directory.socket()) { server in
            let remote = RemoteTokenService(client: try await ControlClient.connect(path: server.path))
            defer { remote.client.close() }
            let record = try await remote.refresh("alpha")
            #expect(record?.profile == "alpha" && record?.outcome == .success)
            #expect(await service.refreshed == ["alpha"])
            try await remote.togglePause("beta")
            #expect(await service.toggled == ["beta"])
            #expect(try await remote.refreshAll(includeRejected: false) == [])
            #expect(try await remote.reload() == ReloadSummary(added: ["gamma"], unchanged: ["alpha", "beta"]))
            #expect(await remote.snapshot().count == 2)
            #expect(await remote.token(for: "alpha") == nil)
            await #expect(throws: TokenServiceError.remote("no profile named 'nope'")) {
                try await remote.refresh("nope")
            }
            // pause/resume are idempotent over the wire, and reach the service as pause/resume:
            // never as a snapshot read then a toggle, which two clients at once would race.
            try await remote.pause("alpha")
            try await remote.pause("alpha")
            #expect(await service.profiles.first?.paused == true)
            try await remote.resume("alpha")
            #expect(await service.profiles.first?.paused == false)
            #expect(await service.pauseCalls == ["pause alpha", "pause alpha", "resume alpha"])
            #expect(await service.toggled == ["beta"], "pause/resume went through togglePause")
            await #expect(throws: TokenServiceError.remote("no profile named 'nope'")) {
                try await remote.pause("nope")
            }
        }
    }

    @Test func aStaleSocketFileIsReplaced() async throws {
        let directory = try SocketDirectory()
        let path = directory.socket()
        RawSocket.leaveStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        try await Self.serving(FakeTokenService(), at: path) { server in
            let client = try await ControlClient.connect(path: server.path)
            client.close()
        }
    }

    @Test func aLiveSocketIsRefusedClearly() async throws {
        let directory = try SocketDirectory()
        let path = directory.socket()
        try await Self.serving(FakeTokenService(), at: path) { _ in
            do throws(ControlError) {
                _ = try await ControlServer.bind(
                    path: path, service: FakeTokenService(), role: .daemon, config: Self.config)
                Issue.record("a second server bound a live socket")
            } catch {
                #expect(error.kind == .inUse)
                #expect(error.description.contains(path))
            }
            // The first server still answers.
            let client = try await ControlClient.connect(path: path)
            client.close()
        }
    }

    @Test func somethingElseInTheWayIsNotRemoved() async throws {
        let directory = try SocketDirectory()
        let path = directory.socket()
        try "precious".write(toFile: path, atomically: true, encoding: .utf8)
        await #expect(throws: ControlError.self) {
            try await ControlServer.bind(path: path, service: FakeTokenService(), role: .daemon, config: Self.config)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test func aTooLongPathIsNamedInTheError() async throws {
        let path = "/tmp/" + String(repeating: "x", count: 120) + ".sock"
        do throws(ControlError) {
            _ = try await ControlServer.bind(
                path: path, service: FakeTokenService(), role: .daemon, config: Self.config)
            Issue.record("bound a path longer than sun_path")
        } catch {
            #expect(error.kind == .pathTooLong)
            #expect(error.description.contains(path) && error.description.contains("--socket"))
        }
    }

    @Test func anOversizeLineIsRejectedAndTheConnectionStaysUsable() async throws {
        let directory = try SocketDirectory()
        try await Self.serving(FakeTokenService(), at: directory.socket()) { server in
            let raw = try RawSocket(path: server.path)
            #expect(await raw.line()?.contains(#""type":"hello""#) == true)
            raw.write(String(repeating: "a", count: ControlProtocol.maximumRequestLine + 10) + "\n")
            let error = await raw.line()
            #expect(error?.contains(#""type":"error""#) == true)
            #expect(error?.contains("longer than") == true)
            raw.write(#"{"type":"status","id":"after"}"# + "\n")
            let reply = await raw.line()
            #expect(reply?.contains(#""type":"snapshot""#) == true && reply?.contains(#""id":"after""#) == true)
        }
    }

    @Test func badRequestsGetAnErrorWithTheirID() async throws {
        let directory = try SocketDirectory()
        try await Self.serving(FakeTokenService(), at: directory.socket()) { server in
            let raw = try RawSocket(path: server.path)
            _ = await raw.line()
            raw.write(#"{"type":"explode","id":11}"# + "\n" + "garbage\n" + #"{"type":"status","id":12}"# + "\n")
            #expect(await raw.line() == #"{"id":11,"message":"unknown message type \"explode\"","type":"error"}"#)
            #expect(await raw.line() == #"{"message":"not a JSON object","type":"error"}"#)
            #expect(await raw.line()?.contains(#""id":12"#) == true)
            // CRLF endings are read as LF.
            raw.write(#"{"type":"status","id":13}"# + "\r\n")
            #expect(await raw.line()?.contains(#""id":13"#) == true)
        }
    }

    @Test func theClientNoticesWhenTheServerGoesAway() async throws {
        let directory = try SocketDirectory()
        let service = FakeTokenService()
        let server = try await ControlServer.bind(
            path: directory.socket(), service: service, role: .dashboard, config: Self.config)
        let running = Task { await server.run() }
        let client = try await ControlClient.connect(path: server.path)
        var updates = client.subscribe().makeAsyncIterator()
        guard case .snapshot? = await updates.next() else {
            Issue.record("no snapshot")
            return
        }
        await server.close()
        await running.value
        // The stream ends; requests fail with a disconnection.
        while await updates.next() != nil {}
        #expect(client.closedReason != nil)
        await #expect(throws: TokenServiceError.self) { try await client.send(.status) }
    }
}
