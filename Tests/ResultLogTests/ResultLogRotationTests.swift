import Foundation
import TestFixtures
import Testing

@testable import ResultLog

@Suite("ResultLog rotation")
struct ResultLogRotationTests {
    func line(_ n: Int) -> String { ResultLogLines.line(n) }

    func lines(_ path: String) -> [String] { ResultLogLines.lines(path) }

    @Test("rotates before a line that would pass the limit: .1 to .5, the oldest dropped, all 0600")
    func rotates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("logs/results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 36, keep: 5)
        for n in 1...30 { #expect(log.write(line: line(n))) }
        // 3 lines (36 bytes) per file: 30 lines make 10 files, of which the newest 6 remain.
        #expect(lines(path) == [line(28), line(29), line(30)])
        #expect(lines(path + ".1") == [line(25), line(26), line(27)])
        #expect(lines(path + ".5") == [line(13), line(14), line(15)])
        #expect(!FileManager.default.fileExists(atPath: path + ".6"))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("logs")).sorted()
        #expect(
            names == [
                "results.jsonl", "results.jsonl.1", "results.jsonl.2", "results.jsonl.3", "results.jsonl.4",
                "results.jsonl.5",
            ])
        for name in names {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.file("logs/\(name)"))[
                .posixPermissions]
            #expect(mode as? Int == 0o600, "\(name)")
        }
    }

    @Test("a line is never split across files; every file holds whole lines only")
    func wholeLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 50, keep: 3)
        var written: [String] = []
        for n in 0..<20 {
            let text = "{\"n\":\(n),\"pad\":\"" + String(repeating: "x", count: n % 7 * 3) + "\"}"
            written.append(text)
            #expect(log.write(line: text))
        }
        var kept: [String] = []
        for suffix in ["", ".1", ".2", ".3"].reversed() {
            let file = path + suffix
            let data = try String(contentsOfFile: file, encoding: .utf8)
            #expect(data.hasSuffix("\n"))
            #expect(data.utf8.count <= 50 || data.split(separator: "\n").count == 1)
            for piece in data.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(piece.utf8))) != nil, "\(piece)")
                kept.append(String(piece))
            }
        }
        #expect(kept == Array(written.suffix(kept.count)))
    }

    @Test("a line larger than the limit gets a file of its own")
    func oversizedLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 20, keep: 2)
        log.write(line: line(1))
        let big = "{\"big\":\"" + String(repeating: "y", count: 40) + "\"}"
        log.write(line: big)
        log.write(line: line(2))
        #expect(lines(path) == [line(2)])
        #expect(lines(path + ".1") == [big])
        #expect(lines(path + ".2") == [line(1)])
    }

    @Test("when another process rotated the file, the next write goes to the new file")
    func followsOutsideRotation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 1000, keep: 2)
        log.write(line: line(1))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        log.write(line: line(2))
        #expect(lines(path) == [line(2)])
        #expect(lines(path + ".1") == [line(1)])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("the defaults are 10 MiB and 5 files")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = try ResultLog(destination: .file(directory.file("r.jsonl")))
        #expect(log.maxBytes == Int64(10 * 1024 * 1024))
        #expect(log.keep == 5)
    }
}
