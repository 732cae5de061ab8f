import Foundation
import Synchronization
import TestFixtures
import Testing

@testable import ResultLog
@testable import TokenModel

#if canImport(Glibc)
    import Glibc
#endif

/// Reading history back from real files: the log and its rotated files newest first, only as
/// far back as needed, never the whole of a large file, and the same refusals as the writer.
@Suite("ResultLogTail: files")
struct ResultLogTailFileTests {
    /// Opens files as the log does and notes which were asked for.
    final class OpenedPaths: Sendable {
        let paths = Mutex<[String]>([])
        func open(_ path: String) -> TailOpening {
            paths.withLock { $0.append(path) }
            return ResultLogReadFile.opening(path)
        }
    }

    @Test(
        "the log and its rotated files read newest first, oldest first in the history; no older file opened once enough is read"
    )
    func rotatedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        _ = try directory.write("results.jsonl.2", TailLines.text(1...10))
        _ = try directory.write("results.jsonl.1", TailLines.text(11...20))
        _ = try directory.write("results.jsonl", TailLines.text(21...25))
        let all = ResultLogTail(path: path, keep: 5, blockSize: 100).read(since: .distantPast, limit: 1_000)
        #expect(all.records.map(\.finishedAt) == (1...25).map { TailLines.record($0).finishedAt })
        #expect(all.skipped == 0 && all.problems.isEmpty)

        let opened = OpenedPaths()
        let few = ResultLogTail(path: path, keep: 5, blockSize: 100, open: opened.open).read(
            since: .distantPast, limit: 8)
        #expect(few.records.map(\.finishedAt) == (18...25).map { TailLines.record($0).finishedAt })
        #expect(opened.paths.withLock { $0 } == [path, path + ".1"])

        let recent = ResultLogTail(path: path, keep: 5, blockSize: 100).read(
            since: TailLines.record(23).finishedAt, limit: 1_000)
        #expect(recent.records.count == 3)
    }

    @Test("broken, torn and foreign lines are skipped and counted; older than since is left out")
    func brokenLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let torn = String(TailLines.line(9).prefix(40))
        _ = try directory.write("results.jsonl.1", TailLines.text(1...3) + "{\"type\":\"not ours\"}\n")
        _ = try directory.write(
            "results.jsonl",
            TailLines.line(4) + "\nplain text from someone else\n{\"ts\":\n" + TailLines.text(5...8) + torn)
        let history = ResultLogTail(path: path, keep: 2, blockSize: 64).read(
            since: TailLines.record(2).finishedAt, limit: 100)
        #expect(history.records.map(\.finishedAt) == (2...8).map { TailLines.record($0).finishedAt })
        #expect(history.skipped == 4)
    }

    @Test("a huge file is read from its end only: the bytes read stay near what the answer needs")
    func hugeFileReadsOnlyItsTail() {
        let text = TailLines.text(1...20_000)
        let file = CountingFile(Array(text.utf8))
        let tail = ResultLogTail(path: "/nonexistent/results.jsonl", keep: 0, blockSize: 16 << 10) { _ in .file(file) }
        let history = tail.read(since: .distantPast, limit: 100)
        #expect(history.records.count == 100)
        #expect(history.records.last?.finishedAt == TailLines.record(20_000).finishedAt)
        let lineBytes = text.utf8.count / 20_000
        #expect(file.bytesRead <= 100 * lineBytes + 2 * (16 << 10), "read \(file.bytesRead) of \(file.size) bytes")
        #expect(Int64(file.bytesRead) * 20 < file.size)

        // Bounded by time as well: an hour of lines out of 20,000 seconds' worth.
        let counted = CountingFile(Array(text.utf8))
        let hour = ResultLogTail(path: "/nonexistent/results.jsonl", keep: 0, blockSize: 16 << 10) { _ in .file(counted)
        }
        .read(since: TailLines.record(20_000 - 3_599).finishedAt, limit: 10_000)
        #expect(hour.records.count == 3_600)
        #expect(Int64(counted.bytesRead) * 4 < counted.size, "read \(counted.bytesRead) of \(counted.size) bytes")
    }

    @Test("missing and empty files give an empty history, no problem")
    func emptyAndMissing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        #expect(ResultLogTail(path: path).read(since: .distantPast, limit: 10) == AttemptHistory())
        _ = try directory.write("results.jsonl", "")
        _ = try directory.write("results.jsonl.1", "\n\n")
        #expect(ResultLogTail(path: path).read(since: .distantPast, limit: 10) == AttemptHistory())
    }

    @Test("a symlink or a FIFO at a log path is refused as the writer refuses it, the other files still read")
    func plantedFilesRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("results.jsonl")
        let elsewhere = try directory.write("elsewhere.jsonl", TailLines.text(100...105))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
        _ = try directory.write("results.jsonl.2", TailLines.text(1...2))
        #expect(mkfifo(path + ".1", 0o600) == 0)
        let history = ResultLogTail(path: path, keep: 3).read(since: .distantPast, limit: 100)
        #expect(history.records.map(\.finishedAt) == (1...2).map { TailLines.record($0).finishedAt })
        #expect(history.problems.count == 2)
        #expect(history.problems.first?.contains("symbolic link") == true, "\(history.problems)")
        #expect(history.problems.last?.contains("not a regular file") == true, "\(history.problems)")
    }

    @Test("a log written by ResultLog reads back through its own tail")
    func writtenLogReadsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = try ResultLog(destination: .file(directory.file("results.jsonl")), maxBytes: 2_000, keep: 3)
        for n in 1...12 {
            #expect(
                log.append(ResultLogEntry(record: TailLines.record(n), merchant: "M", host: "h", nextRefreshAt: nil)))
        }
        let tail = try #require(log.tail)
        #expect(FileManager.default.fileExists(atPath: directory.file("results.jsonl.1")), "the test rotates")
        #expect(tail.read(since: .distantPast, limit: 100).records.count == 12)
        #expect(try ResultLog(destination: .standardOutput).tail == nil)
    }

    /// A writer that died mid-line leaves a torn end; the next process's first attempt starts a
    /// line of its own, so only the torn line is lost when the log is read back.
    @Test("a torn last line does not swallow the next attempt")
    func tornEndGetsALineFeed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("results.jsonl", TailLines.text(1...2) + String(TailLines.line(3).prefix(30)))
        let log = try ResultLog(destination: .file(path), maxBytes: nil)
        #expect(log.append(ResultLogEntry(record: TailLines.record(4), merchant: "M", host: "h", nextRefreshAt: nil)))
        let history = ResultLogTail(path: path, keep: 0).read(since: .distantPast, limit: 100)
        #expect(history.records.map(\.finishedAt) == [1, 2, 4].map { TailLines.record($0).finishedAt })
        #expect(history.skipped == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 4)
    }
}
