/// Which file an open descriptor is (`st_dev`, `st_ino`): the same file reached under two names
/// (the log renamed to `.1` while it was being read) has one identity, so it is read once.
public struct TailFileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}
