import Foundation
import TestFixtures
import Testing

@testable import ResultLog

#if canImport(Glibc)
    import Glibc
#endif

/// Something other than the user's own regular file at the log path: a symlink, a FIFO, another
/// user's file. The log refuses it with a message naming the path, and never writes to or
/// `chmod`s what is there.
@Suite("ResultLog: planted files")
struct ResultLogPlantedFileTests {
    func refusal(_ path: String) -> String? {
        do {
            _ = try ResultLog(destination: .file(path))
            return nil
        } catch {
            return error.description
        }
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test("a symlink at the path is refused, and its target keeps its text and mode")
    func symlink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let victim = try directory.write("victim.txt", "victim\n", mode: 0o644)
        let path = directory.file("results.jsonl")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        let message = try #require(refusal(path))
        #expect(message.contains(path) && message.contains("symbolic link"), "\(message)")
        #expect(message.contains("--log"), "says what to do: \(message)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(mode(victim) == 0o644)
        // A dangling link is refused too, and nothing is created where it points.
        let dangling = directory.file("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory.file("created"))
        #expect(refusal(dangling)?.contains("symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.file("created")))
    }

    @Test("a FIFO at the path is refused at once, not waited on")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        #expect(mkfifo(path, 0o600) == 0)
        let message = try #require(refusal(path))
        #expect(message.contains(path) && message.contains("not a regular file"), "\(message)")
    }

    @Test("another user's file is refused and keeps its mode (needs root to make one)")
    func otherOwner() throws {
        guard geteuid() == 0 else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("results.jsonl", "", mode: 0o666)
        #expect(chown(path, 65534, 65534) == 0)
        let message = try #require(refusal(path))
        #expect(message.contains(path) && message.contains("owned by uid 65534"), "\(message)")
        #expect(mode(path) == 0o666)
    }

    @Test("rotation still works, and a link planted after a rotation is not written through")
    func rotationThenPlantedLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 36, keep: 2)
        for n in 1...6 { #expect(log.write(line: ResultLogLines.line(n))) }
        #expect(ResultLogLines.lines(path) == [ResultLogLines.line(4), ResultLogLines.line(5), ResultLogLines.line(6)])
        #expect(
            ResultLogLines.lines(path + ".1") == [
                ResultLogLines.line(1), ResultLogLines.line(2), ResultLogLines.line(3),
            ])

        let victim = try directory.write("victim.txt", "victim\n", mode: 0o644)
        #expect(rename(path, path + ".2") == 0)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        #expect(!log.write(line: ResultLogLines.line(7)))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(mode(victim) == 0o644)
    }
}
