import Control
import Foundation
import PrivateFiles
import TestFixtures
import Testing

@testable import Runtime

/// Owner or viewer, decided without starting a process: the lock is held from this process on
/// another open file description, and the "other" owner is a control server served in-process.
@Suite struct InstanceRoleTests {
    func instance(_ scratch: ScratchDirectory) throws -> InstanceDirectory {
        let config = try scratch.write("profiles.yaml", "profiles: []\n")
        let instance = InstanceDirectory(configPath: config, environment: scratch.environment)
        _ = try instance.create()
        return instance
    }

    @Test func aFreeLockMakesThisProcessTheOwner() async throws {
        let scratch = try ScratchDirectory()
        let instance = try instance(scratch)
        let role = try await InstanceRole.resolve(
            instance, environment: scratch.environment, patience: .milliseconds(200))
        guard case .owner(let lock) = role else {
            Issue.record("expected the owner, got \(role)")
            return
        }
        // Held now: nobody else can take it.
        #expect(try InstanceLock.acquire(at: instance.lockPath) == nil)
        lock.release()
    }

    @Test func aLiveOwnerWhoseSocketAnswersIsViewed() async throws {
        let scratch = try ScratchDirectory()
        let instance = try instance(scratch)
        let held = try #require(try InstanceLock.acquire(at: instance.lockPath))
        defer { held.release() }
        let socket = scratch.path + "/owner.sock"
        let server = try await ControlServer.bind(
            path: socket, service: StaticTokenService(), role: .dashboard, config: instance.configPath)
        try OwnerRecord(
            role: .dashboard, socket: socket, config: instance.configPath, protocol: ControlProtocol.version
        )
        .write(to: instance.ownerPath)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            let role = try await InstanceRole.resolve(instance, environment: scratch.environment, patience: .seconds(2))
            guard case .viewer(let remote) = role else {
                Issue.record("expected a viewer, got \(role)")
                await server.close()
                return
            }
            #expect(remote.hello.config == instance.configPath)
            #expect(remote.hello.role == .dashboard)
            #expect(remote.hello.pid == getpid())
            remote.client.close()
            await server.close()
        }
    }

    @Test func aHolderThatNeverAnswersIsRefused() async throws {
        let scratch = try ScratchDirectory()
        let instance = try instance(scratch)
        let held = try #require(try InstanceLock.acquire(at: instance.lockPath))
        defer { held.release() }
        let error = await #expect(throws: InstanceRole.Refusal.self) {
            try await InstanceRole.resolve(instance, environment: scratch.environment, patience: .milliseconds(300))
        }
        let text = error?.description ?? ""
        #expect(text.contains("another tokentop refreshes \(instance.configPath) (it holds \(instance.lockPath))"))
        #expect(text.contains("this dashboard cannot attach to it: it has not written \(instance.ownerPath) yet"))
        #expect(text.contains("Two refreshers for one profiles file are never run"))
    }

    @Test func aHolderServingAnotherProfilesFileIsRefusedAtOnce() async throws {
        let scratch = try ScratchDirectory()
        let instance = try instance(scratch)
        let held = try #require(try InstanceLock.acquire(at: instance.lockPath))
        defer { held.release() }
        let socket = scratch.path + "/other.sock"
        let server = try await ControlServer.bind(
            path: socket, service: StaticTokenService(), role: .daemon, config: scratch.path + "/other.yaml")
        try OwnerRecord(role: .daemon, socket: socket, config: instance.configPath, protocol: ControlProtocol.version)
            .write(to: instance.ownerPath)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            let started = ContinuousClock.now
            let error = await #expect(throws: InstanceRole.Refusal.self) {
                // A long patience: a mismatch must not wait for it.
                try await InstanceRole.resolve(instance, environment: scratch.environment, patience: .seconds(30))
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            let text = error?.description ?? ""
            #expect(text.contains("another tokentop (daemon, pid \(getpid())) refreshes \(instance.configPath)"))
            #expect(text.contains(scratch.path + "/other.yaml"))
            await server.close()
        }
    }

    @Test func aDaemonAtTheDefaultSocketServingThisFileIsViewedWithoutTheLock() async throws {
        let scratch = try ScratchDirectory()
        let instance = try instance(scratch)
        let socket = DaemonSocketPath.defaultPath(environment: scratch.environment)
        try PrivateDirectory.createParent(of: socket)
        let server = try await ControlServer.bind(
            path: socket, service: StaticTokenService(), role: .daemon, config: instance.configPath)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            let role = try await InstanceRole.resolve(
                instance, environment: scratch.environment, patience: .milliseconds(200))
            guard case .viewer(let remote) = role else {
                Issue.record("expected a viewer, got \(role)")
                await server.close()
                return
            }
            #expect(remote.hello.role == .daemon)
            // The lock was never taken: the daemon may keep its state elsewhere.
            let lock = try #require(try InstanceLock.acquire(at: instance.lockPath))
            lock.release()
            remote.client.close()
            await server.close()
        }
    }
}
