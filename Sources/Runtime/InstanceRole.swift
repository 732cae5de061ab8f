import Control
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who refreshes a profiles file's tokens: this process (it holds the instance lock) or the
/// process that does, which this one then views over its control socket.
public enum InstanceRole {
    case owner(InstanceLock)
    case viewer(RemoteTokenService)

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Attaches to a daemon at the default socket that serves this profiles file (it may keep
    /// its state elsewhere: systemd's environment is not the operator's); else takes the lock,
    /// or attaches to its holder. A holder that is still starting (no `owner.json` or socket
    /// yet) gets `patience` to come up; one that never answers, or serves another profiles
    /// file, is a refusal: two refreshers for one file never run.
    public static func resolve(
        _ instance: InstanceDirectory, environment: [String: String], patience: Duration = .seconds(5)
    ) async throws -> InstanceRole {
        if let daemon = await probeDefaultSocket(for: instance, environment: environment) {
            return .viewer(daemon)
        }
        let deadline = ContinuousClock.now + patience
        var problem = "it has not written \(instance.ownerPath) yet"
        var owner: OwnerRecord?
        while true {
            if let lock = try InstanceLock.acquire(at: instance.lockPath) {
                // Whatever owner.json says now is stale: its writer no longer holds the lock.
                return .owner(lock)
            }
            owner = OwnerRecord.read(from: instance.ownerPath)
            if let owner {
                do {
                    let client = try await ControlClient.connect(
                        path: owner.socket, expectedConfig: instance.configPath, timeout: .seconds(2))
                    return .viewer(RemoteTokenService(client: client))
                } catch {
                    problem = error.description
                    if error.kind == .mismatch { break }
                }
            }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let who = owner.map { "another tokentop (\($0.role.rawValue), pid \($0.pid))" } ?? "another tokentop"
        throw Refusal(
            description: """
                \(who) refreshes \(instance.configPath) (it holds \(instance.lockPath)) but this dashboard cannot attach to it: \(problem).
                Two refreshers for one profiles file are never run: stop the other one, or wait until it has started and try again.
                """)
    }

    /// The daemon at `DaemonSocketPath.defaultPath` when it answers and serves this profiles
    /// file; nil when there is no socket, nothing answers, or it serves another file.
    public static func probeDefaultSocket(for instance: InstanceDirectory, environment: [String: String]) async
        -> RemoteTokenService?
    {
        let path = DaemonSocketPath.defaultPath(environment: environment)
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else { return nil }
        guard
            let client = try? await ControlClient.connect(
                path: path, expectedConfig: instance.configPath, timeout: .seconds(2))
        else { return nil }
        return RemoteTokenService(client: client)
    }
}
