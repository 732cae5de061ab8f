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
        #expect(
            text.hasPrefix(#"{"pid":"#) && text.contains(#""role":"dashboard""#)
                && text.contains(#""startedAt":"2027-01-15T08:00:00.123Z""#))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: temp.path) == ["owner.json"], "no temporary file left")
        OwnerRecord.removeIfOwned(at: path, pid: getpid() + 1)
        #expect(FileManager.default.fileExists(atPath: path))
        OwnerRecord.removeIfOwned(at: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(OwnerRecord.read(from: path) == nil)
    }
}
