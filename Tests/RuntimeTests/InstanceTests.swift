import Control
import Foundation
import Runtime
import TestFixtures
import Testing
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct InstanceDirectoryTests {
    @Test func namedAfterTheFileAndItsAbsolutePath() {
        let env = ["XDG_STATE_HOME": "/state", "HOME": "/home/op"]
        let a = InstanceDirectory(configPath: "/etc/tokentop/profiles.yaml", environment: env)
        #expect(a.path.hasPrefix("/state/tokentop/instances/profiles-"))
        #expect(a.identifier.count == "profiles-".count + 12)
        // Pinned: the name of an instance directory must not change between versions, or an
        // upgrade would lose the lock, sinks.json and sinks.key of every running config.
        #expect(a.identifier == "profiles-6e780679a3f0")
        #expect(a.lockPath == a.path + "/lock")
        #expect(a.ownerPath == a.path + "/owner.json")
        #expect(a.sinksPath == a.path + "/sinks.json")
        // The same file written differently is the same instance; another file is not.
        #expect(InstanceDirectory(configPath: "/etc/tokentop/../tokentop/./profiles.yaml", environment: env) == a)
        #expect(InstanceDirectory(configPath: "/srv/profiles.yaml", environment: env).path != a.path)
        #expect(InstanceDirectory(configPath: "~/p.yml", environment: env).configPath == "/home/op/p.yml")
        let odd = InstanceDirectory(configPath: "/x/my tokens €.yaml", environment: env)
        #expect(odd.identifier == "my_tokens__-b5c499fcc683")
    }

    @Test func createdPrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let instance = InstanceDirectory(configPath: "/etc/p.yaml", environment: ["XDG_STATE_HOME": temp.path])
        try instance.create()
        let mode = try FileManager.default.attributesOfItem(atPath: instance.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func aLongStateDirectoryGetsASocketElsewhere() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let short = InstanceDirectory(configPath: "/p.yaml", environment: ["XDG_STATE_HOME": "/s"])
        #expect(try short.dashboardSocketPath(environment: [:]) == short.path + "/dashboard.sock")
        let deep = temp.path + "/" + String(repeating: "d", count: 80)
        let long = InstanceDirectory(configPath: "/p.yaml", environment: ["XDG_STATE_HOME": deep])
        try FileManager.default.createDirectory(atPath: temp.path + "/run", withIntermediateDirectories: true)
        let socket = try long.dashboardSocketPath(environment: ["XDG_RUNTIME_DIR": temp.path + "/run"])
        #expect(socket == temp.path + "/run/tokentop/" + long.identifier + ".sock")
        #expect(socket.utf8.count <= UnixSocketPath.maximumLength)
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path + "/run/tokentop")[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}

@Suite struct InstanceLockTests {
    @Test func onlyOneHolderAtATime() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("lock")
        let first = try #require(try InstanceLock.acquire(at: path))
        #expect(first.isHeld)
        // A second open file description in the same process is refused too.
        #expect(try InstanceLock.acquire(at: path) == nil)
        first.release()
        #expect(!first.isHeld)
        let second = try #require(try InstanceLock.acquire(at: path))
        #expect(try InstanceLock.acquire(at: path) == nil)
        _ = second
    }

    @Test func aLockFileRemovedUnderItsHolderIsNotTheOneAtThePath() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("lock")
        let first = try #require(try InstanceLock.acquire(at: path))
        #expect(first.isAtItsPath)
        unlink(path)
        // The orphaned file excludes no one: a new one at the path is locked by the next caller,
        // which is why `acquire` checks the file it locked is still the one at the path.
        #expect(!first.isAtItsPath)
        let second = try #require(try InstanceLock.acquire(at: path))
        #expect(second.isAtItsPath)
        first.release()
        #expect(!first.isAtItsPath)
    }

    @Test func anotherProcessSeesTheLock() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("lock")
        func otherProcessCanLock() throws -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            process.arguments = ["--nonblock", path, "true"]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        var lock = try InstanceLock.acquire(at: path)
        #expect(lock != nil)
        #expect(try otherProcessCanLock() == false)
        lock = nil  // released on deinit
        #expect(try otherProcessCanLock() == true)
    }

    @Test func aMissingDirectoryIsAnError() {
        #expect(throws: InstanceError.self) { try InstanceLock.acquire(at: "/nonexistent-\(UUID().uuidString)/lock") }
    }
}

@Suite struct OwnerRecordTests {
    @Test func writtenAtomicallyReadBackAndRemovedOnlyByItsOwner() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("owner.json")
        let record = OwnerRecord(
            pid: getpid(), role: .dashboard, socket: "/run/x.sock", config: "/etc/p.yaml", protocol: 1,
            startedAt: Date(epochMilliseconds: 1_800_000_000_123))
        try record.write(to: path)
        #expect(OwnerRecord.read(from: path) == record)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(#"{"pid":"#) && text.contains(#""role":"dashboard""#) && text.contains(#""startedAt":"2027-01-15T08:00:00.123Z""#))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path) == ["owner.json"], "no temporary file left")
        OwnerRecord.removeIfOwned(at: path, pid: getpid() + 1)
        #expect(FileManager.default.fileExists(atPath: path))
        OwnerRecord.removeIfOwned(at: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(OwnerRecord.read(from: path) == nil)
    }
}
