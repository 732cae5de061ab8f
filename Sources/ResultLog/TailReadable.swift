/// A file the tail reader reads backwards: its size, and bytes at an offset. The seam that lets a
/// test count what is read from a large file.
public protocol TailReadable {
    /// The size when it was opened; bytes appended after that are not read.
    var size: Int64 { get }
    /// Which file it is; nil when not known (a file held in memory), then it is never taken for
    /// one already read.
    var identity: TailFileIdentity? { get }
    /// Up to `count` bytes at `offset` (fewer when the file ends sooner); nil when the read failed.
    func read(at offset: Int64, count: Int) -> [UInt8]?
}

extension TailReadable {
    public var identity: TailFileIdentity? { nil }
}
