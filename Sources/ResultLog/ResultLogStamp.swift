#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The result log's state as one `lstat` sees it: which file is at its path and how long it is.
/// Every line appended changes the size and a rotation the file, so an answer read while the
/// stamp was the same still holds every attempt written.
public struct ResultLogStamp: Sendable, Equatable {
    public let identity: TailFileIdentity
    public let size: Int64

    public init(identity: TailFileIdentity, size: Int64) {
        self.identity = identity
        self.size = size
    }

    /// The stamp of the file at `path`; nil when there is none (or it cannot be looked at).
    public static func of(_ path: String) -> ResultLogStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return ResultLogStamp(
            identity: TailFileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
            size: Int64(info.st_size))
    }
}
