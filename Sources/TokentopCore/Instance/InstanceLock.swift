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
    public static func acquire(at path: String) throws(InstanceError) -> InstanceLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw InstanceError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw InstanceError(path: path, reason: "cannot lock: \(String(cString: strerror(code)))")
        }
        return InstanceLock(path: path, descriptor: fd)
    }

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
