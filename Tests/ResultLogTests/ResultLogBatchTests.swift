import Foundation
import TestFixtures
import Testing

@testable import ResultLog
@testable import TokenModel

/// Lines written in batches (`tokentop check`) land in the same files, in the same order, as
/// lines written one by one: rotation still happens before a line that would pass the limit.
@Suite("ResultLog batches")
struct ResultLogBatchTests {
    func line(_ n: Int) -> String { ResultLogLines.line(n) }

    func lines(_ path: String) -> [String] { ResultLogLines.lines(path) }

    func batch(_ texts: [String]) -> (bytes: [UInt8], ends: [Int]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for text in texts {
            bytes += Array(text.utf8) + [UInt8(ascii: "\n")]
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    @Test("a batch fills each file as far as the limit allows, then rotates, like single lines")
    func batchRotatesLikeSingleLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 36, keep: 5)
        #expect(log.write(line: line(1)))
        let (bytes, ends) = batch((2...30).map(line))
        #expect(log.write(lines: bytes, lineEnds: ends))
        #expect(lines(path) == [line(28), line(29), line(30)])
        #expect(lines(path + ".1") == [line(25), line(26), line(27)])
        #expect(lines(path + ".5") == [line(13), line(14), line(15)])
        #expect(!FileManager.default.fileExists(atPath: path + ".6"))
    }

    @Test("a line larger than the limit inside a batch gets a file of its own; order is kept")
    func largeLineInABatch() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: 30, keep: 5)
        let big = "{\"big\":\"" + String(repeating: "x", count: 60) + "\"}"
        let (bytes, ends) = batch([line(1), line(2), big, line(3)])
        #expect(log.write(lines: bytes, lineEnds: ends))
        #expect(lines(path + ".2") == [line(1), line(2)])
        #expect(lines(path + ".1") == [big])
        #expect(lines(path) == [line(3)])
    }

    @Test("a batch goes to the file now at the path when another process moved it, with or without a limit")
    func batchFollowsOutsideRotation() throws {
        for limit in [nil, 1000] as [Int64?] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("results.jsonl")
            let log = try ResultLog(destination: .file(path), maxBytes: limit, keep: 2)
            #expect(log.write(line: line(1)))
            try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
            let (bytes, ends) = batch([line(2), line(3)])
            #expect(log.write(lines: bytes, lineEnds: ends))
            #expect(lines(path) == [line(2), line(3)], "limit \(String(describing: limit))")
            #expect(lines(path + ".1") == [line(1)], "limit \(String(describing: limit))")
        }
    }

    @Test("ResultLogBatch writes when full and on flush, every line once and in order")
    func batchWritesWhenFullAndOnFlush() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let log = try ResultLog(destination: .file(path), maxBytes: nil)
        let pending = ResultLogBatch(log: log, maxBytes: 2000)
        var names: [String] = []
        for n in 1...25 {
            let record = AttemptRecord(
                profile: "p\(n)", trigger: .check, startedAt: Date(), latency: .milliseconds(n), outcome: .transient,
                error: "e")
            pending.append(ResultLogEntry(record: record, merchant: "m", host: "h", nextRefreshAt: nil))
            names.append("p\(n)")
        }
        // Each line is about 300 bytes: the batch has written once it passed 2,000 bytes.
        let before = lines(path).count
        #expect(before > 0 && before < 25, "\(before) lines before the flush")
        pending.flush()
        let written = lines(path).compactMap { text -> String? in
            (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["profile"] as? String
        }
        #expect(written == names)
        pending.flush()
        #expect(lines(path).count == 25, "a second flush writes nothing again")
    }
}
