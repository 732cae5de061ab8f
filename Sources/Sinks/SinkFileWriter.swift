import Foundation
import PrivateFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file atomically: readers see the old contents or the new, never a part.
///
/// A temporary file is created in the same directory (`O_CREAT|O_EXCL|O_NOFOLLOW`, the final mode),
/// written in full, `fchmod`ed (the umask cannot widen or narrow it), `fsync`ed, renamed over the
/// target, and the directory is `fsync`ed so the rename survives a crash. A missing directory is
/// created with mode 0700. On any failure the temporary file is removed and the old file is left
/// as it was. Errors name the path and the step, never the contents.
public enum SinkFileWriter {
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Step: String, Sendable, Equatable {
            case createDirectory = "create the directory"
            case createTemporary = "create a temporary file in the directory"
            case write = "write"
            case sync = "flush to disk"
            case rename = "rename the temporary file over"
            case isDirectory = "replace"
        }
        public var step: Step
        public var path: String
        public var reason: String

        public var description: String {
            switch step {
            case .createDirectory:
                "cannot create the directory of \(path): \(reason)"
            case .createTemporary:
                "cannot create a temporary file next to \(path): \(reason) (is the directory writable?)"
            case .isDirectory:
                "cannot write \(path): it is a directory"
            default:
                "cannot \(step.rawValue) \(path): \(reason)"
            }
        }
    }

    /// Writes `bytes` to `path` with permission bits `mode`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw WriteError(step: .isDirectory, path: path, reason: "is a directory")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if !directory.isEmpty, access(directory, F_OK) != 0 {
            do {
                try PrivateDirectory.createParent(of: path)
            } catch {
                throw WriteError(step: .createDirectory, path: path, reason: error.localizedDescription)
            }
        }
        let (fd, temporary) = try createTemporary(directory: directory, name: name, mode: mode, target: path)
        var closed = false
        func fail(_ step: WriteError.Step, _ code: Int32) -> WriteError {
            if !closed { close(fd) }
            closed = true
            unlink(temporary)
            return WriteError(step: step, path: path, reason: errnoText(code))
        }
        if fchmod(fd, mode) != 0 { throw fail(.write, errno) }
        if let code = FileDescriptorWriter.writeAll(fd, bytes) { throw fail(.write, code) }
        if fsync(fd) != 0 { throw fail(.sync, errno) }
        if close(fd) != 0 {
            closed = true
            throw fail(.write, errno)
        }
        closed = true
        if rename(temporary, path) != 0 { throw fail(.rename, errno) }
        syncDirectory(directory.isEmpty ? "." : directory)
    }

    private static func createTemporary(
        directory: String, name: String, mode: mode_t, target: String
    ) throws(WriteError) -> (Int32, String) {
        let prefix = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())-"
        var lastError: Int32 = EEXIST
        for _ in 0..<8 {
            let candidate = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return (fd, candidate) }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        throw WriteError(step: .createTemporary, path: target, reason: errnoText(lastError))
    }

    /// Makes a new name in `directory` durable (a rename here, the link of `sinks.key`); a failure
    /// here loses nothing already written, so it is not worth failing for.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func errnoText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
