import Foundation
import TokenModel

/// Reads the newest attempts back from the result log: `results.jsonl`, then its rotated files
/// `.1` (newest) to `.keep`, each from its end backwards in blocks, stopping as soon as it has
/// `limit` attempts or reaches one older than `since`. Memory stays bounded by a block and the
/// longest line kept (`ReverseLineSplitter`), however large the files; a line that is not an
/// attempt is skipped and counted, and a file that cannot be read is named in `problems`, never
/// fatal. Blocking: run it off the cooperative pool.
public struct ResultLogTail: Sendable {
    public let path: String
    /// Rotated files looked at: `.1` to `.keep`.
    public let keep: Int
    public let blockSize: Int
    public let maximumLine: Int
    private let open: @Sendable (String) -> TailOpening

    public init(
        path: String, keep: Int = ResultLog.defaultKeep, blockSize: Int = 64 << 10, maximumLine: Int = 1 << 20,
        open: @escaping @Sendable (String) -> TailOpening = ResultLogReadFile.opening
    ) {
        self.path = path
        self.keep = max(0, keep)
        self.blockSize = max(1, blockSize)
        self.maximumLine = max(1, maximumLine)
        self.open = open
    }

    /// The files, newest first.
    public var paths: [String] {
        [path] + (keep > 0 ? (1...keep).map { "\(path).\($0)" } : [])
    }

    /// The attempts that finished at or after `since`, the newest `limit` of them, oldest first.
    public func read(since: Date, limit: Int) -> AttemptHistory {
        var collector = ResultLogTailCollector(since: since, limit: limit)
        var problems: [String] = []
        for file in paths {
            guard !collector.isDone else { break }
            switch open(file) {
            case .missing: continue
            case .refused(let reason): problems.append(reason)
            case .file(let readable):
                if let problem = read(readable, into: &collector) { problems.append("\(file): \(problem)") }
            }
        }
        return collector.history(problems: problems)
    }

    /// One file from its end; why it stopped early when a read failed.
    private func read(_ file: any TailReadable, into collector: inout ResultLogTailCollector) -> String? {
        var splitter = ReverseLineSplitter(maximumLine: maximumLine)
        var end = file.size
        defer { collector.skip(splitter.oversized) }
        while end > 0, !collector.isDone {
            let start = max(0, end - Int64(blockSize))
            guard let block = file.read(at: start, count: Int(end - start)), block.count == Int(end - start) else {
                return "a read failed; older lines left out"
            }
            for line in splitter.feed(block) {
                collector.take(line)
                if collector.isDone { return nil }
            }
            end = start
        }
        if !collector.isDone, let first = splitter.finish() { collector.take(first) }
        return nil
    }
}
