import Crypto
import Foundation
import PrivateFiles
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sinks.key` in an instance directory: 32 random bytes, the HMAC-SHA256 key of the credentials
/// hashes in `sinks.json`. Without it, `sinks.json` would be an offline oracle for a weak
/// `secretKey` (a word list hashed with the recorded endpoint and access key finds it); with it,
/// the hash says nothing to someone who has only `sinks.json`.
///
/// Made once, atomically: written to a temporary file (mode 0600) and then linked into place, so it
/// is never seen short. When it exists it must be a regular file (not a symbolic link), owned by
/// this user, readable by nobody else and exactly 32 bytes; anything else is refused with an
/// error that says what to do, never trusted or overwritten.
public struct SinkStateKey: Sendable {
    public static let fileName = "sinks.key"
    public static let size = 32

    /// The key itself; `SinkStateKey(key:)` (the memberwise initialiser) makes one for tests and
    /// for callers that keep no instance directory.
    let key: SymmetricKey

    /// A key file that cannot be used, and why.
    public struct KeyError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "\(path): \(reason); remove it (tokentop makes a new one; sink tokens recorded under the old "
                + "key are then fetched anew)"
        }
    }

    /// Reads `directory/sinks.key`, or creates it (and a missing `directory`, mode 0700).
    public static func loadOrCreate(directory: String) throws(KeyError) -> SinkStateKey {
        let path = (directory as NSString).appendingPathComponent(fileName)
        if let key = try create(path, directory: directory) { return SinkStateKey(key: key) }
        return SinkStateKey(key: try readKey(path))
    }

    /// HMAC-SHA256 of `text` under this key, as hex.
    func authenticationCode(for text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key).hexDigits
    }

    /// A new key at `path`, or nil when a file is already there.
    ///
    /// The key is written and synced to a temporary file of its own in the same directory, then
    /// hard-linked to `path`: the name appears only with all 32 bytes behind it, so a crash leaves
    /// at most a stray temporary file (never a short `sinks.key`), and of two processes creating
    /// it at once one wins the link and the other reads the winner's key.
    private static func create(_ path: String, directory: String) throws(KeyError) -> SymmetricKey? {
        do {
            try PrivateDirectory.create(directory)
        } catch {
            throw KeyError(path: path, reason: "cannot create its directory: \(error.reason)")
        }
        if access(path, F_OK) == 0 { return nil }
        func failed(_ what: String, _ code: Int32) -> KeyError {
            KeyError(path: path, reason: "cannot \(what) it: \(String(cString: strerror(code)))")
        }
        let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failed("create", errno) }
        defer { unlink(temporary) }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        var failure = FileDescriptorWriter.writeAll(fd, bytes)
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if let failure { throw failed("write", failure) }
        guard link(temporary, path) == 0 else {
            let code = errno
            if code == EEXIST { return nil }
            throw failed("create", code)
        }
        SinkFileWriter.syncDirectory(directory)
        return key
    }

    private static func readKey(_ path: String) throws(KeyError) -> SymmetricKey {
        func refuse(_ reason: String) -> KeyError { KeyError(path: path, reason: reason) }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw refuse("it is a symbolic link, not tokentop's key file") }
            throw refuse("cannot read it: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw refuse("cannot read it: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw refuse("it is not a regular file") }
        guard info.st_uid == getuid() else { throw refuse("it belongs to another user (uid \(info.st_uid))") }
        guard info.st_mode & 0o077 == 0 else {
            throw refuse("others can read it (mode \(String(info.st_mode & 0o777, radix: 8)), it must be 600)")
        }
        guard Int(info.st_size) == size else {
            throw refuse("it holds \(info.st_size) bytes, not \(size): it is damaged")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var count = 0
        while count < size {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress.map { $0 + count }, size - count)
            }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw refuse("cannot read it: \(String(cString: strerror(errno)))") }
            if got == 0 { throw refuse("it is shorter than \(size) bytes: it is damaged") }
            count += got
        }
        return SymmetricKey(data: bytes)
    }
}
