import Control
import ServiceLifecycle
import TokentopCore

/// The control socket as a `Service`. At its turn of the graceful shutdown (the first, before
/// the refresher's) it closes the socket and removes `owner.json`, so no new client finds this
/// process; then it stops the refresher, which answers any refresh a client is still waiting
/// for, so the connections end and quitting never waits for a viewer's request to finish.
struct ControlService: Service, CustomStringConvertible {
    var description: String { "control" }

    let server: ControlServer
    /// The instance's `owner.json` when this process wrote one.
    let ownerPath: String?
    let refresher: Refresher

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            try? await gracefulShutdown()
            await server.close()
            if let ownerPath { OwnerRecord.removeIfOwned(at: ownerPath) }
            await refresher.shutdown()
            await group.waitForAll()
        }
    }
}
