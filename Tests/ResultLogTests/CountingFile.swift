import ResultLog

/// A file held in memory that counts the bytes read from it.
final class CountingFile: TailReadable, @unchecked Sendable {
    // Unchecked: each test uses its own instance from one thread; the count is read after the read ends.
    let bytes: [UInt8]
    private(set) var bytesRead = 0
    private(set) var reads = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var size: Int64 { Int64(bytes.count) }

    func read(at offset: Int64, count: Int) -> [UInt8]? {
        reads += 1
        let start = Int(offset)
        let end = min(bytes.count, start + count)
        bytesRead += end - start
        return Array(bytes[start..<end])
    }
}
