#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A result-log file open for reading backwards with `pread`. Opened the way the writer opens
/// the log (`ResultLog`): not through a symlink, not waiting on a FIFO, and only a regular file
/// owned by this user, so a planted link or someone else's file is never read back as history.
public final class ResultLogReadFile: TailReadable {
    public let size: Int64
    public let identity: TailFileIdentity?
    private let fd: Int32

    private init(fd: Int32, size: Int64, identity: TailFileIdentity) {
        self.fd = fd
        self.size = size
        self.identity = identity
    }

    deinit { close(fd) }

    public static func opening(_ path: String) -> TailOpening {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: return .missing
            case ELOOP: return .refused("\(path) is a symbolic link, which tokentop does not read through (remove it)")
            default: return .refused("cannot read \(path): \(String(cString: strerror(code)))")
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .refused("cannot read \(path): \(reason)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .refused("\(path) is not a regular file (remove it)")
        }
        guard info.st_uid == geteuid() else {
            close(fd)
            return .refused("\(path) is owned by uid \(info.st_uid), not by you (uid \(geteuid())); remove it")
        }
        let identity = TailFileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        return .file(ResultLogReadFile(fd: fd, size: Int64(info.st_size), identity: identity))
    }

    public func read(at offset: Int64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            done += got
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }
}
