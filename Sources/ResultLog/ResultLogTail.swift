import Foundation
import TokenModel

/// Reads the newest attempts back from the result log: `results.jsonl`, then its rotated files
/// `.1` (newest) to `.keep`, each from its end backwards in blocks, stopping as soon as it has
/// `limit` attempts or reaches one older than `since`. Memory stays bounded by a block and the
/// longest line kept (`ReverseLineSplitter`), however large the files; a line that is not an
/// attempt is skipped and counted, and a file that cannot be read is named in `problems`, never
/// fatal. Blocking: run it off the cooperative pool.
///
/// The log may rotate while it is read: each file is opened by its name in turn, so after a
/// rotation `.1` is the file just read under the log's name; a file already read (same device
/// and inode) is passed over. A file that shrinks while it is read (truncated) ends where its
/// bytes end.
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

    /// The attempts that finished at or after `since`, the newest `limit` of them, oldest first;
    /// only those of `profiles` when given (the log is shared by every profiles file), the
    /// others passed over before they count toward `limit`.
    public func read(since: Date, limit: Int, profiles: Set<String>? = nil) -> AttemptHistory {
        var collector = ResultLogTailCollector(since: since, limit: limit, profiles: profiles)
        var problems: [String] = []
        var seen: Set<TailFileIdentity> = []
        for file in paths {
            guard !collector.isDone else { break }
            switch open(file) {
            case .missing: continue
            case .refused(let reason): problems.append(reason)
            case .file(let readable):
                if let identity = readable.identity, !seen.insert(identity).inserted { continue }
                if let problem = read(readable, into: &collector) { problems.append("\(file): \(problem)") }
            }
        }
        return collector.history(problems: problems)
    }

    /// One file from its end; why it stopped early when a read failed.
    private func read(_ file: any TailReadable, into collector: inout ResultLogTailCollector) -> String? {
        var splitter = ReverseLineSplitter(maximumLine: maximumLine)
        var end = file.size
        var first = true
        defer { collector.skip(splitter.oversized) }
        while end > 0, !collector.isDone {
            let start = max(0, end - Int64(blockSize))
            guard let block = file.read(at: start, count: Int(end - start)) else {
                return "a read failed; older lines left out"
            }
            if block.count < Int(end - start) {
                // The file was cut shorter since it was opened. Its new end is still an end of
                // the file when nothing of it was read yet; further in, what was read no longer
                // joins what is left, so the file ends here.
                guard first else { return nil }
            }
            guard !block.isEmpty else {
                // The file's new end lies before this block: nothing of it read yet.
                end = start
                continue
            }
            first = false
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
