import ResultLog
import Synchronization

/// A file held in memory that is cut to `shrunk` bytes after its first `after` reads, as a log
/// truncated while it is read: its `size` still says what it held when opened.
final class ShrinkingFile: TailReadable, Sendable {
    let bytes: [UInt8]
    let shrunk: Int
    let after: Int
    private let reads = Mutex(0)

    init(_ bytes: [UInt8], shrunkTo shrunk: Int, after: Int = 0) {
        self.bytes = bytes
        self.shrunk = shrunk
        self.after = after
    }

    var size: Int64 { Int64(bytes.count) }

    func read(at offset: Int64, count: Int) -> [UInt8]? {
        let number = reads.withLock { reads in
            defer { reads += 1 }
            return reads
        }
        let length = number < after ? bytes.count : shrunk
        let start = min(Int(offset), length)
        return Array(bytes[start..<min(length, Int(offset) + count)])
    }
}
