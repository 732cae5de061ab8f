import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Directories for tokentop's own files (result log, profiles template, sinks, state, sockets):
/// created with mode 0700 so nothing inside is reachable by other users.
public enum PrivateDirectory {
    /// A directory that could not be made.
    public struct CreationError: Error, LocalizedError, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot create \(path): \(reason)" }
        public var errorDescription: String? { description }
    }

    /// Creates the parent directory of `path` (and its parents) with mode 0700 when missing.
    /// Returns the directory it needed, or nil when `path` has none.
    @discardableResult
    public static func createParent(of path: String) throws(CreationError) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return nil }
        try create(directory)
        return directory
    }

    /// Creates `directory` and each missing parent with mode 0700 from the start: `mkdir` with
    /// 0700 (the umask can only narrow that; FileManager makes 0777 and `chmod`s afterwards, so
    /// under a loose umask a directory would be open to everyone for a moment), then `chmod` 0700
    /// in case the umask did narrow it. Directories that already exist are left as they are.
    /// Returns the directories this call made itself (deepest first), not those another process
    /// made meanwhile: only those are the caller's to remove again.
    @discardableResult
    public static func create(_ directory: String) throws(CreationError) -> [String] {
        var missing: [String] = []
        var current = directory
        while !current.isEmpty && current != "/" {
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw CreationError(path: current, reason: "it exists and is not a directory")
                }
                break
            }
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        var made: [String] = []
        for path in missing.reversed() {
            guard mkdir(path, 0o700) == 0 else {
                let code = errno
                // Made meanwhile by another process (another tokentop starting): not ours to change.
                if code == EEXIST { continue }
                throw CreationError(path: path, reason: String(cString: strerror(code)))
            }
            made.insert(path, at: 0)
            guard chmod(path, 0o700) == 0 else {
                throw CreationError(path: path, reason: "cannot set mode 0700: \(String(cString: strerror(errno)))")
            }
        }
        return made
    }
}
