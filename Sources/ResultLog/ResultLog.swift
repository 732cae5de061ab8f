import Foundation
import PrivateFiles
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The JSON Lines result log: one line per token request, appended with a single `write(2)`
/// on an `O_APPEND` descriptor so concurrent writers never interleave within a line.
///
/// A file log rotates by size: before a line that would take it past `maxBytes`, `results.jsonl`
/// becomes `results.jsonl.1` (`.1` becomes `.2`... up to `keep`; the oldest is dropped) and a new
/// file is opened. A line is never split across files. Every file is mode 0600. When another
/// process rotated the file, the next write notices (the path names another inode) and reopens.
public final class ResultLog: Sendable {
    /// Where it writes.
    public enum Destination: Sendable, Equatable {
        case file(String)
        case standardOutput
    }

    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot open result log \(path): \(reason) — pass --log PATH with a writable path, or --log - for stdout"
        }
    }

    public static let defaultMaxBytes: Int64 = 10 * 1024 * 1024
    public static let defaultKeep = 5

    public let destination: Destination
    /// Rotate before a write that would take the file past this size; nil never rotates.
    public let maxBytes: Int64?
    /// How many rotated files (`.1` ... `.keep`) are kept.
    public let keep: Int
    private let descriptor: Mutex<Int32>

    /// `--log PATH` wins; `-` means stdout; else `$XDG_STATE_HOME/tokentop/results.jsonl`
    /// (default `~/.local/state/tokentop/results.jsonl`).
    public static func destination(explicit: String?, environment: [String: String]) -> Destination {
        if let explicit { return explicit == "-" ? .standardOutput : .file(explicit) }
        return .file(StateDirectory.path(environment: environment) + "/results.jsonl")
    }

    /// Opens (creating with mode 0600, parents 0700) or fails with an actionable error.
    /// - Parameters:
    ///   - maxBytes: rotate before a line that would take the file past this (default 10 MiB; nil
    ///     never rotates; standard output never rotates).
    ///   - keep: rotated files kept, `.1` (newest) to `.keep` (default 5; 0 keeps none).
    public init(
        destination: Destination, maxBytes: Int64? = ResultLog.defaultMaxBytes, keep: Int = ResultLog.defaultKeep
    ) throws(OpenError) {
        self.destination = destination
        self.maxBytes = maxBytes.map { max(1, $0) }
        self.keep = max(0, keep)
        switch destination {
        case .standardOutput:
            descriptor = Mutex(STDOUT_FILENO)
        case .file(let path):
            do {
                try PrivateDirectory.createParent(of: path)
            } catch {
                let directory = (path as NSString).deletingLastPathComponent
                throw OpenError(path: path, reason: "cannot create directory \(directory)")
            }
            switch Self.openFile(path) {
            case .success(let fd): descriptor = Mutex(fd)
            case .failure(let error): throw error
            }
        }
    }

    deinit {
        descriptor.withLock { fd in
            if fd > STDERR_FILENO { close(fd) }
        }
    }

    /// Appends one entry. Returns false (and writes nothing partial on purpose) when the write fails.
    @discardableResult
    public func append(_ entry: ResultLogEntry) -> Bool {
        write(lineBytes: entry.jsonBytes)
    }

    /// Appends whole lines (each ending in a newline) with as few writes as rotation allows: the
    /// lines that fit in the current file go in one `write(2)` (no other writer's line can land
    /// inside it), the rest after the rotation. A line is still never split across files, and a
    /// line larger than the limit still gets a file of its own. Returns false when a write failed.
    @discardableResult
    func write(lines: [UInt8], lineEnds: [Int]) -> Bool {
        guard let last = lineEnds.last else { return true }
        return descriptor.withLock { fd in
            guard case .file(let path) = destination else {
                return FileDescriptorWriter.writeAll(fd, Array(lines[..<last])) == nil
            }
            let limit = maxBytes ?? .max
            var start = 0
            var next = 0
            while next < lineEnds.count {
                let prepared = prepare(fd, path: path, incoming: Int64(lineEnds[next] - start))
                fd = prepared.fd
                guard fd >= 0 else { return false }
                // After `prepare` the first line fits (or the file is empty): add lines while they fit.
                var end = next + 1
                while end < lineEnds.count, prepared.size + Int64(lineEnds[end] - start) <= limit { end += 1 }
                guard FileDescriptorWriter.writeAll(fd, Array(lines[start..<lineEnds[end - 1]])) == nil else {
                    return false
                }
                start = lineEnds[end - 1]
                next = end
            }
            return true
        }
    }

    @discardableResult
    func write(line: String) -> Bool {
        write(lineBytes: Array(line.utf8))
    }

    /// One line (without its newline): a batch of one.
    private func write(lineBytes: [UInt8]) -> Bool {
        var bytes = lineBytes
        bytes.append(UInt8(ascii: "\n"))
        return write(lines: bytes, lineEnds: [bytes.count])
    }

    /// The descriptor to write `incoming` bytes to, and the size of its file: reopened when the
    /// path was rotated by someone else, rotated first when the line would take the file past
    /// `maxBytes`.
    private func prepare(_ fd: Int32, path: String, incoming: Int64) -> (fd: Int32, size: Int64) {
        var fd = fd
        // One `fstat` of the open file serves both checks: is it still the file at `path`, and
        // how big is it (one system call per line instead of two).
        var info = stat()
        if fd < 0 || !Self.sameFile(fd, path, opened: &info) {
            if fd >= 0 { close(fd) }
            fd = (try? Self.openFile(path).get()) ?? -1
            guard fd >= 0 else { return (fd, 0) }
            guard fstat(fd, &info) == 0 else { return (fd, 0) }
        }
        guard let maxBytes, info.st_size > 0, Int64(info.st_size) + incoming > maxBytes else {
            return (fd, Int64(info.st_size))
        }
        // Several processes may share one log: the one holding the lock rotates, once.
        _ = flock(fd, LOCK_EX)
        if Self.sameFile(fd, path, opened: &info) { rotate(path) }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = (try? Self.openFile(path).get()) ?? -1
        guard fd >= 0, fstat(fd, &info) == 0 else { return (fd, 0) }
        return (fd, Int64(info.st_size))
    }

    /// `path.(keep-1)` -> `path.keep` ... `path` -> `path.1`; the oldest is overwritten (dropped).
    private func rotate(_ path: String) {
        guard keep > 0 else {
            unlink(path)
            return
        }
        unlink("\(path).\(keep)")
        if keep > 1 {
            for index in stride(from: keep - 1, through: 1, by: -1) {
                _ = rename("\(path).\(index)", "\(path).\(index + 1)")
            }
        }
        _ = rename(path, "\(path).1")
    }

    /// Opens `path` for appending without following a symlink at it (`O_NOFOLLOW`) and without
    /// waiting on a FIFO (`O_NONBLOCK`), and accepts only a regular file owned by this user: a
    /// planted link or someone else's file is never written to nor `chmod`ed.
    private static func openFile(_ path: String) -> Result<Int32, OpenError> {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                return .failure(
                    OpenError(
                        path: path, reason: "it is a symbolic link, which tokentop does not write through (remove it)"))
            }
            if code == ENXIO {
                return .failure(OpenError(path: path, reason: "it is not a regular file (remove it)"))
            }
            return .failure(OpenError(path: path, reason: String(cString: strerror(code))))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .failure(OpenError(path: path, reason: reason))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(OpenError(path: path, reason: "it is not a regular file (remove it)"))
        }
        guard info.st_uid == geteuid() else {
            close(fd)
            return .failure(
                OpenError(
                    path: path, reason: "it is owned by uid \(info.st_uid), not by you (uid \(geteuid())); remove it"))
        }
        // Back to blocking writes: O_NONBLOCK was only for the open.
        _ = fcntl(fd, F_SETFL, O_WRONLY | O_APPEND)
        // A log that already existed with wider permissions is tightened: it names merchants.
        _ = fchmod(fd, 0o600)
        if info.st_size > 0 { endTornLine(fd, path: path, opened: info) }
        return .success(fd)
    }

    /// A log that does not end in a line feed (a writer died mid-line) gets one, so the next
    /// attempt starts a line of its own instead of being glued to the torn one and lost with it
    /// when the log is read back. Every writer appends whole lines, so only a torn end lacks it.
    private static func endTornLine(_ fd: Int32, path: String, opened: stat) {
        let reader = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard reader >= 0 else { return }
        defer { close(reader) }
        // Only when the path still names the file just opened for writing.
        var named = stat()
        guard fstat(reader, &named) == 0, named.st_dev == opened.st_dev, named.st_ino == opened.st_ino else { return }
        var last: UInt8 = 0
        guard pread(reader, &last, 1, off_t(opened.st_size - 1)) == 1, last != UInt8(ascii: "\n") else { return }
        _ = FileDescriptorWriter.writeAll(fd, [UInt8(ascii: "\n")])
    }

    /// True when `path` still names the file open on `fd`; `opened` receives `fd`'s `fstat`.
    private static func sameFile(_ fd: Int32, _ path: String, opened: inout stat) -> Bool {
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
