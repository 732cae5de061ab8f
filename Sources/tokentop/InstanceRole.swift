import Control
import Foundation
import TokentopCore

/// Who refreshes a profiles file's tokens: this process (it holds the instance lock) or the
/// process that holds it, which this one then views over its control socket.
enum InstanceRole {
    case owner(InstanceLock)
    case viewer(RemoteTokenService, OwnerRecord)

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Takes the lock, or attaches to its holder. A holder that is still starting (no
    /// `owner.json` or socket yet) gets `patience` to come up; one that never answers, or
    /// serves another profiles file, is a refusal: two refreshers for one file never run.
    static func resolve(_ instance: InstanceDirectory, patience: Duration = .seconds(5)) async throws -> InstanceRole {
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
                    return .viewer(RemoteTokenService(client: client), owner)
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
}
