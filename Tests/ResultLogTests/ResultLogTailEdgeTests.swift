import Foundation
import TestFixtures
import Testing

@testable import ResultLog
@testable import TokenModel

/// The tail reader at its edges: a log shared with other profiles files, a rotation or a
/// truncation while it is read, CR LF line ends and characters of more than one byte.
@Suite("ResultLogTail: edges")
struct ResultLogTailEdgeTests {
    static func history(_ text: String, blockSize: Int, profiles: Set<String>? = nil, limit: Int = 10_000)
        -> AttemptHistory
    {
        let file = CountingFile(Array(text.utf8))
        return ResultLogTail(path: "/nonexistent/results.jsonl", keep: 0, blockSize: blockSize) { _ in .file(file) }
            .read(since: .distantPast, limit: limit, profiles: profiles)
    }

    @Test("another profiles file's newest 10,000 lines do not crowd out this one's older attempts")
    func otherProfilesLeftOut() {
        let text = TailLines.text(1...5) + TailLines.text(6...10_005, profile: "other-pay")
        let history = Self.history(text, blockSize: 64 << 10, profiles: ["acme-pay"])
        #expect(history.records.map(\.finishedAt) == (1...5).map { TailLines.record($0).finishedAt })
        #expect(history.records.allSatisfy { $0.profile == "acme-pay" })
        #expect(history.skipped == 0, "another profile's line is not an unreadable one")
        #expect(Self.history(text, blockSize: 64 << 10).records.count == 10_000, "without profiles, every profile's")

        var collector = ResultLogTailCollector(since: TailLines.record(3).finishedAt, limit: 2, profiles: ["acme-pay"])
        for n in [9, 8] { collector.take(Array(TailLines.line(n, profile: "other-pay").utf8)) }
        #expect(collector.count == 0 && !collector.isDone)
        collector.take(Array(TailLines.line(2, profile: "other-pay").utf8))
        #expect(collector.isDone, "a foreign line older than since still ends the reading")
    }

    @Test("a rotation while reading: the file read under the log's name is not read again as .1")
    func rotationDuringRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        _ = try directory.write("results.jsonl.1", TailLines.text(11...20))
        _ = try directory.write("results.jsonl", TailLines.text(21...25))
        let tail = ResultLogTail(path: path, keep: 3, blockSize: 100) { file in
            let opening = ResultLogReadFile.opening(file)
            if file == path {
                // The writer rotates just after the log was opened.
                try? FileManager.default.moveItem(atPath: path + ".1", toPath: path + ".2")
                try? FileManager.default.moveItem(atPath: path, toPath: path + ".1")
                FileManager.default.createFile(atPath: path, contents: Data())
            }
            return opening
        }
        let history = tail.read(since: .distantPast, limit: 1_000)
        #expect(history.records.map(\.finishedAt) == (11...25).map { TailLines.record($0).finishedAt })
        #expect(history.problems.isEmpty, "\(history.problems)")
    }

    @Test("a file cut shorter before or while it is read ends where its bytes end; no read failed")
    func shrinkingFile() {
        let bytes = Array(TailLines.text(1...20).utf8)
        let cut = Array(TailLines.text(1...10).utf8).count
        for blockSize in [100, 1_000, 64 << 10] {
            let file = ShrinkingFile(bytes, shrunkTo: cut)
            let history = ResultLogTail(path: "/nonexistent/results.jsonl", keep: 0, blockSize: blockSize) { _ in
                .file(file)
            }
            .read(since: .distantPast, limit: 100)
            #expect(
                history.records.map(\.finishedAt) == (1...10).map { TailLines.record($0).finishedAt },
                "block \(blockSize)")
            #expect(history.problems.isEmpty, "\(history.problems)")
        }
        // Emptied after its newest block was read: what that block held, nothing more.
        let line = TailLines.line(1).utf8.count + 1
        let file = ShrinkingFile(bytes, shrunkTo: 0, after: 1)
        let history = ResultLogTail(path: "/nonexistent/results.jsonl", keep: 0, blockSize: 3 * line + line / 2) { _ in
            .file(file)
        }
        .read(since: .distantPast, limit: 100)
        #expect(history.records.map(\.finishedAt) == (18...20).map { TailLines.record($0).finishedAt })
        #expect(history.problems.isEmpty && history.skipped == 0, "\(history)")
    }

    @Test("CR LF line ends: the CR is not part of the line")
    func crlfLines() {
        let text = (1...6).map { TailLines.line($0) + "\r\n" }.joined()
        for blockSize in [7, 100, 4096] {
            let history = Self.history(text, blockSize: blockSize)
            #expect(
                history.records.map(\.finishedAt) == (1...6).map { TailLines.record($0).finishedAt },
                "block \(blockSize)")
            #expect(history.skipped == 0, "block \(blockSize)")
        }
        #expect(ResultLogLineParser.record(from: Array((TailLines.line(1) + "\r").utf8)) != nil)
    }

    @Test("a character of several bytes cut by a block boundary comes out whole")
    func multiByteAcrossBlocks() {
        let lines = ["zahlung-müller", "₹ 1.000 成功 😀", "plain"]
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        for size in 1...bytes.count {
            var splitter = ReverseLineSplitter()
            var found: [String] = []
            var end = bytes.count
            while end > 0 {
                let start = max(0, end - size)
                found += splitter.feed(Array(bytes[start..<end])).map { String(decoding: $0, as: UTF8.self) }
                end = start
            }
            if let first = splitter.finish() { found.append(String(decoding: first, as: UTF8.self)) }
            #expect(found == lines.reversed(), "block size \(size)")
        }
    }

    @Test("non-ASCII profile names and messages read back as written, whatever the block size")
    func nonASCIIRecords() throws {
        var record = TailLines.record(1, profile: "zahlung-müller-€")
        record.resultMessage = "Erfolg ✓ 成功 😀"
        let line = ResultLogEntry(record: record, merchant: "Müller GmbH", host: "uat", nextRefreshAt: nil).jsonLine
        let text = TailLines.text(1...2) + line + "\n" + TailLines.line(3) + "\n"
        for blockSize in [1, 5, 13, 64, 4096] {
            let history = Self.history(text, blockSize: blockSize, profiles: ["zahlung-müller-€", "acme-pay"])
            #expect(history.records.count == 4, "block \(blockSize)")
            let read = try #require(history.records.first { $0.profile == "zahlung-müller-€" }, "block \(blockSize)")
            #expect(read.resultMessage == "Erfolg ✓ 成功 😀")
            #expect(history.skipped == 0)
        }
        #expect(
            Self.history(text, blockSize: 7, profiles: ["zahlung-müller-€"]).records.map(\.profile) == [
                "zahlung-müller-€"
            ])
    }
}
