import Foundation
import Testing

@testable import ResultLog
@testable import TokenModel

/// The pure half of reading history back: lines cut from blocks read backwards, a line read back
/// into its attempt, and the bounds (24 h, 10,000 attempts).
@Suite("ResultLogTail: parsing")
struct ResultLogTailParsingTests {
    /// Feeds `text` to a splitter in blocks of `size` from its end; every line, newest first.
    func split(_ text: String, blockSize size: Int, maximumLine: Int = 1 << 20) -> (lines: [String], oversized: Int) {
        let bytes = Array(text.utf8)
        var splitter = ReverseLineSplitter(maximumLine: maximumLine)
        var lines: [String] = []
        var end = bytes.count
        while end > 0 {
            let start = max(0, end - size)
            lines += splitter.feed(Array(bytes[start..<end])).map { String(decoding: $0, as: UTF8.self) }
            end = start
        }
        if let first = splitter.finish() { lines.append(String(decoding: first, as: UTF8.self)) }
        return (lines, splitter.oversized)
    }

    @Test("a line split across any block boundary comes out whole, newest first")
    func splitAcrossBlocks() {
        let text = "first line\nsecond\n\nthird one\n"
        for size in 1...text.utf8.count + 1 {
            let result = split(text, blockSize: size)
            #expect(result.lines == ["third one", "", "second", "first line"], "block size \(size)")
            #expect(result.oversized == 0)
        }
    }

    @Test(
        "a last line without its newline (a torn write) is still a line; a file ending in a newline has no empty last line"
    )
    func truncatedLastLine() {
        for size in [1, 3, 7, 64] {
            #expect(split("a\nbb\n{\"ts\":\"20", blockSize: size).lines == ["{\"ts\":\"20", "bb", "a"])
            #expect(split("a\nbb\n", blockSize: size).lines == ["bb", "a"])
        }
        #expect(split("", blockSize: 4).lines.isEmpty)
        #expect(split("only", blockSize: 2).lines == ["only"])
    }

    @Test("a line longer than the bound is dropped and counted, wherever it falls across blocks")
    func oversizedLines() {
        let long = String(repeating: "x", count: 25)
        for size in [1, 4, 10, 100] {
            let result = split("ok\n\(long)\nab\n\(long)", blockSize: size, maximumLine: 10)
            #expect(result.lines == ["ab", "ok"], "block size \(size)")
            #expect(result.oversized == 2, "block size \(size)")
            let first = split("\(long)\nend\n", blockSize: size, maximumLine: 10)
            #expect(first.lines == ["end"])
            #expect(first.oversized == 1)
        }
    }

    @Test("a written line reads back as its attempt, fingerprint and all; no token field exists to read")
    func lineRoundTrips() throws {
        var record = TailLines.record(7)
        record.attempt = 3
        record.notes = ["expiry read as milliseconds"]
        record.skew = .milliseconds(-1500)
        record.resultCode = .text("E-17")
        record.error = "EnKash refused: bad key"
        let line = ResultLogEntry(record: record, merchant: "M", host: "h", nextRefreshAt: nil).jsonBytes
        let read = try #require(ResultLogLineParser.record(from: line))
        #expect(read.profile == record.profile)
        #expect(read.finishedAt.epochMilliseconds == record.finishedAt.epochMilliseconds)
        #expect(read.latency == record.latency)
        #expect(read.attempt == 3)
        #expect(read.resultCode == .text("E-17"))
        #expect(read.tokenFingerprint == "sha256:0123456789ab")
        #expect(read.notes == record.notes)
        #expect(read.skew == .milliseconds(-1500))
        #expect(read.error == record.error)
        #expect(read.expiryMs == record.expiryMs)
        #expect(read.expiresAt == record.expiresAt)
        #expect(read.outcome == .success && read.trigger == .scheduled && read.httpStatus == 200)
    }

    @Test("broken and foreign lines are not attempts")
    func foreignLines() {
        let good = TailLines.line(1)
        #expect(ResultLogLineParser.record(from: Array(good.utf8)) != nil)
        for foreign in [
            "not json at all", "[1,2,3]", "{\"hello\":\"world\"}", String(good.dropLast()), "{}",
            good.replacingOccurrences(of: "\"outcome\":\"success\"", with: "\"outcome\":\"maybe\""),
            good.replacingOccurrences(of: "\"profile\":\"acme-pay\"", with: "\"profile\":7"),
            good.replacingOccurrences(of: "\"ts\":\"", with: "\"ts\":\"yesterday"),
            "\u{FF}\u{FE}garbage",
        ] {
            #expect(ResultLogLineParser.record(from: Array(foreign.utf8)) == nil, "\(foreign)")
        }
    }

    @Test("the collector keeps the newest 10,000, oldest first, and counts what it skipped")
    func tenThousandCap() {
        var collector = ResultLogTailCollector(since: .distantPast, limit: AttemptHistory.maximumAttempts)
        collector.take(Array("garbage".utf8))
        collector.take(Array("   ".utf8))
        for n in stride(from: 12_000, through: 1, by: -1) where !collector.isDone {
            collector.take(Array(TailLines.line(n).utf8))
        }
        #expect(collector.isDone)
        let history = collector.history()
        #expect(history.records.count == 10_000)
        #expect(history.records.first?.finishedAt == TailLines.record(2_001).finishedAt)
        #expect(history.records.last?.finishedAt == TailLines.record(12_000).finishedAt)
        #expect(history.skipped == 1, "a blank line is no line; garbage is one")
    }

    @Test("lines older than since end the reading; overlapping attempts are put in finish order")
    func olderThanSince() {
        let since = TailLines.record(50).finishedAt
        var collector = ResultLogTailCollector(since: since, limit: 10_000)
        for n in [60, 58, 59, 55, 50] { collector.take(Array(TailLines.line(n).utf8)) }
        #expect(!collector.isDone)
        collector.take(Array(TailLines.line(49).utf8))
        #expect(collector.isDone)
        collector.take(Array(TailLines.line(70).utf8))
        #expect(
            collector.history().records.map(\.finishedAt)
                == [50, 55, 58, 59, 60].map { TailLines.record($0).finishedAt })
    }

    @Test("bounds: never older than 24 h nor more than 10,000, whatever is asked")
    func bounds() {
        let now = TailLines.start
        let day = now.addingTimeInterval(-86_400)
        let unasked = AttemptHistory.bounds(now: now, since: nil, limit: nil)
        #expect(unasked.since == day && unasked.limit == 10_000)
        let greedy = AttemptHistory.bounds(now: now, since: .distantPast, limit: 50_000)
        #expect(greedy.since == day && greedy.limit == 10_000)
        let modest = AttemptHistory.bounds(now: now, since: now.addingTimeInterval(-60), limit: 5)
        #expect(modest.since == now.addingTimeInterval(-60) && modest.limit == 5)
        #expect(AttemptHistory.bounds(now: now, since: nil, limit: -3).limit == 0)
    }
}
