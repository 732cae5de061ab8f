import Control
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The socket never exists at its path with the umask's permissions, and `--socket-group`
/// with a directory that keeps the group out is named.
@Suite struct ControlSocketModeTests {
    @Test func theSocketAppearsAtItsPathOnlyWithItsFinalMode() async throws {
        let directory = try SocketDirectory()
        let path = directory.socket()
        let seen = SeenWhileBinding()
        let server = try await ControlServer.bind(
            path: path, service: FakeTokenService(), role: .daemon, config: "/p.yaml",
            observeBinding: { bound in
                var info = stat()
                seen.atPath = lstat(path, &info) == 0 ? Int(info.st_mode & 0o777) : nil
                var parent = stat()
                seen.boundParentMode =
                    lstat((bound as NSString).deletingLastPathComponent, &parent) == 0
                    ? Int(parent.st_mode & 0o777) : nil
                seen.bound = bound
            })
        let running = Task { await server.run() }
        #expect(
            seen.atPath == nil,
            "the socket was at \(path) (mode \(String(seen.atPath ?? 0, radix: 8))) before its mode was set")
        #expect(seen.bound != path)
        #expect(seen.boundParentMode == 0o700, "bound outside a private directory")
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // The staging directory is gone; only the socket is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["control.sock"])
        let client = try await ControlClient.connect(path: path)
        client.close()
        await server.close()
        await running.value
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDirectoryThatKeepsTheGroupOutIsNamed() throws {
        let directory = try SocketDirectory()
        let socket = directory.socket("group.sock")
        chmod(directory.path, 0o700)
        let problem = try #require(SocketAccess.group(getgid()).directoryProblem(socketPath: socket))
        #expect(problem.contains(directory.path) && problem.contains("0700"))
        chmod(directory.path, 0o750)
        #expect(SocketAccess.group(getgid()).directoryProblem(socketPath: socket) == nil)
        #expect(SocketAccess.owner.directoryProblem(socketPath: socket) == nil)
    }
}

/// What the binding hook saw (set on the binding task, read after `bind` returned).
// @unchecked: written once inside `bind`, read only after it returned, on the same task.
final class SeenWhileBinding: @unchecked Sendable {
    var atPath: Int?
    var bound: String?
    var boundParentMode: Int?
}
