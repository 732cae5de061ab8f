import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one-refresher lock of an instance directory: `flock(LOCK_EX | LOCK_NB)` on its `lock`
/// file, held for as long as this object lives (or until `release()`); the kernel drops it when
/// the process exits, however it exits. Locks belong to the open file description, so two
/// `acquire` calls in one process exclude each other too.
public final class InstanceLock: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the lock without waiting. Nil when another holder has it; throws when the file
    /// cannot be opened or locked for another reason.
    ///
    /// A lock on a file that is no longer at `path` (removed, e.g. by a run that was refused for
    /// its configuration and cleaned up, between our `open` and our `flock`) would exclude no
    /// one: the next run creates a new file there. So the locked file must still be the one at
    /// `path` (same device and inode); if not, it is opened and locked again.
    public static func acquire(at path: String) throws(InstanceError) -> InstanceLock? {
        for _ in 0..<8 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw InstanceError(
                    path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
            }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                if code == EINTR { continue }
                close(fd)
                if code == EWOULDBLOCK { return nil }
                throw InstanceError(path: path, reason: "cannot lock: \(String(cString: strerror(code)))")
            }
            if isStillAtPath(fd, path) { return InstanceLock(path: path, descriptor: fd) }
            close(fd)  // unlocks the orphaned file; try the one at the path now
        }
        throw InstanceError(path: path, reason: "cannot lock: the lock file keeps being replaced")
    }

    private static func isStillAtPath(_ fd: Int32, _ path: String) -> Bool {
        var locked = stat()
        var named = stat()
        guard fstat(fd, &locked) == 0, stat(path, &named) == 0 else { return false }
        return locked.st_dev == named.st_dev && locked.st_ino == named.st_ino
    }

    /// True while the locked file is still the one at `path` (what `acquire` checks).
    public var isAtItsPath: Bool { descriptor.withLock { fd in fd >= 0 && Self.isStillAtPath(fd, path) } }

    /// True while this object still holds the lock.
    public var isHeld: Bool { descriptor.withLock { $0 >= 0 } }

    /// Lets go of the lock. Safe to call more than once.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
