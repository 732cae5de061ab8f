import Foundation
import TestFixtures
import Testing

@testable import Runtime

/// The daemon's side of one refresher per profiles file: it takes the lock or refuses, naming
/// the holder from its owner.json.
@Suite struct DaemonLockTests {
    @Test func aFreeLockIsTakenAndHeld() throws {
        let scratch = try ScratchDirectory()
        let instance = InstanceDirectory(
            configPath: try scratch.write("profiles.yaml", "profiles: []\n"), environment: scratch.environment)
        let lock = try DaemonLock.take(instance)
        #expect(try InstanceLock.acquire(at: instance.lockPath) == nil)
        lock.release()
    }

    @Test func aHeldLockIsRefusedWithExit2() throws {
        let scratch = try ScratchDirectory()
        let instance = InstanceDirectory(
            configPath: try scratch.write("profiles.yaml", "profiles: []\n"), environment: scratch.environment)
        _ = try instance.create()
        let held = try #require(try InstanceLock.acquire(at: instance.lockPath))
        defer { held.release() }
        #expect(throws: RuntimeExit(2)) { try DaemonLock.take(instance) }
    }

    @Test func theRefusalNamesTheHolder() throws {
        let scratch = try ScratchDirectory()
        let instance = InstanceDirectory(
            configPath: try scratch.write("profiles.yaml", "profiles: []\n"), environment: scratch.environment)
        let owner = OwnerRecord(
            pid: 4242, role: .dashboard, socket: "/tmp/x.sock", config: instance.configPath, protocol: 1)
        #expect(
            DaemonLock.refusal(instance, owner: owner)
                == "another tokentop (dashboard, pid 4242) already refreshes \(instance.configPath) (it holds \(instance.lockPath)); "
                + "two refreshers for one profiles file are never run. Stop it first, or open a dashboard to view it.")
        #expect(DaemonLock.refusal(instance, owner: nil).hasPrefix("another tokentop already refreshes"))
    }
}
