import Foundation
import TestFixtures
import Testing

@testable import Sinks

@Suite("SinkFileWriter")
struct SinkFileWriterTests {
    func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    func leftovers(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
    }

    @Test("writes with mode 0600 by default, whatever the umask, and leaves no temporary file")
    func defaultMode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("acme.token")
        let old = umask(0o077)
        defer { umask(old) }
        try SinkFileWriter.write(Array("token-1\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "token-1\n")
        #expect(try mode(path) == 0o600)
        #expect(try leftovers(directory.path).isEmpty)
    }

    @Test("a custom mode is applied exactly, even against the umask")
    func customMode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("shared.token")
        let old = umask(0o077)
        defer { umask(old) }
        try SinkFileWriter.write(Array("t\n".utf8), to: path, mode: 0o640)
        #expect(try mode(path) == 0o640)
    }

    @Test("an existing file is replaced (a new inode: readers holding the old one see it whole)")
    func replaces() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("acme.token", "old-token\n", mode: 0o644)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try SinkFileWriter.write(Array("new-token\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new-token\n")
        #expect(try mode(path) == 0o600)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != after)
        #expect(try leftovers(directory.path).isEmpty)
    }

    @Test("a missing directory is created with mode 0700")
    func createsDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("a/b/acme.token")
        try SinkFileWriter.write(Array("t\n".utf8), to: path)
        #expect(try mode(directory.file("a/b")) == 0o700)
    }

    @Test("an unwritable directory is an error naming the path, not a crash; the old file stays")
    func unwritableDirectory() throws {
        guard getuid() != 0 else { return }  // root writes anywhere
        let directory = try TemporaryDirectory()
        defer {
            chmod(directory.path, 0o700)
            directory.remove()
        }
        let path = try directory.write("acme.token", "old-token\n")
        chmod(directory.path, 0o500)
        #expect(throws: SinkFileWriter.WriteError.self) {
            try SinkFileWriter.write(Array("secret-new-token\n".utf8), to: path)
        }
        do {
            try SinkFileWriter.write(Array("secret-new-token\n".utf8), to: path)
        } catch {
            #expect(error.step == .createTemporary)
            #expect(error.description.contains(path))
            #expect(!error.description.contains("secret-new-token"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old-token\n")
    }

    @Test("a directory at the sink path is refused")
    func directoryTarget() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("sub"), withIntermediateDirectories: false)
        do {
            try SinkFileWriter.write(Array("t\n".utf8), to: directory.file("sub"))
            Issue.record("expected an error")
        } catch {
            #expect(error.step == .isDirectory)
        }
        #expect(try leftovers(directory.path).isEmpty)
    }
}
