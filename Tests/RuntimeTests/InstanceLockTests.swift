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
