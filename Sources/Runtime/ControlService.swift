import Control
import ServiceLifecycle

/// The control socket as a `Service`. At its turn of the graceful shutdown (before the
/// refresher's) it closes the socket, which lets its clients go, and removes `owner.json`, so no
/// new client finds this process; then it stops the refresher, which answers the refreshes the
/// socket's connections still wait for, so they end and quitting never waits for a viewer's
/// request (the refresh service's own stop then returns at once).
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
