import Control
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

/// The state directory of one profiles file: `<stateDir>/instances/<name>-<12 hex>/`, where
/// `<name>` is the file's base name without extension and the hex digits are the start of the
/// SHA-256 of its canonical path (absolute, symbolic links resolved): a file reached through a
/// symlink is the same instance as the file itself. It holds the refresher's `lock`, its
/// `owner.json` and (later) `sinks.json`. `--demo` runs have none.
public struct InstanceDirectory: Sendable, Equatable {
    /// The profiles file this directory belongs to: its canonical path (see `canonical`).
    public let configPath: String
    /// The directory itself.
    public let path: String
    /// `<name>-<12 hex>`: unique per profiles file, safe in file names.
    public let identifier: String

    public init(configPath: String, environment: [String: String]) {
        let absolute = Self.canonical(configPath, environment: environment)
        self.configPath = absolute
        let base = ((absolute as NSString).lastPathComponent as NSString).deletingPathExtension
        let safe = String(
            base.unicodeScalars.map { scalar -> Character in
                let allowed =
                    scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                return allowed ? Character(scalar) : "_"
            }.prefix(32))
        let hash = String(SHA256.hash(data: Array(absolute.utf8)).hexDigits.prefix(12))
        identifier = (safe.isEmpty ? "profiles" : safe) + "-" + hash
        path = StateDirectory.path(environment: environment) + "/instances/" + identifier
    }

    /// `path` made absolute (against `workingDirectory`), `~` expanded and standardized
    /// (`.`/`..` removed); symbolic links are kept as written.
    public static func absolute(
        _ path: String, environment: [String: String],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String {
        let expanded =
            path == "~" || path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst() : path
        let url =
            expanded.hasPrefix("/")
            ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: workingDirectory).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }

    /// `absolute(path)` with every symbolic link resolved (`realpath(3)`), so one file has one
    /// name whichever link reached it; the absolute path as written when it cannot be resolved
    /// (the file does not exist yet).
    public static func canonical(_ path: String, environment: [String: String]) -> String {
        let absolute = absolute(path, environment: environment)
        guard let resolved = realpath(absolute, nil) else { return absolute }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public var lockPath: String { path + "/lock" }
    public var ownerPath: String { path + "/owner.json" }
    public var sinksPath: String { path + "/sinks.json" }

    /// Creates the directory (and its parents) with mode 0700 when missing.
    /// Returns the directories this call made (deepest first; empty when the directory existed).
    @discardableResult
    public func create() throws(InstanceError) -> [String] {
        do {
            return try PrivateDirectory.create(path)
        } catch {
            throw InstanceError(path: path, reason: "cannot create the instance directory: \(error.description)")
        }
    }

    /// Where a standalone dashboard serves its viewers: `<dir>/dashboard.sock` when that fits a
    /// Unix socket address (107 bytes), else `$XDG_RUNTIME_DIR/tokentop/<identifier>.sock`, else
    /// `/tmp/tokentop-<uid>/<identifier>.sock` (a private directory checked to be ours).
    public func dashboardSocketPath(environment: [String: String]) throws(InstanceError) -> String {
        let local = path + "/dashboard.sock"
        if local.utf8.count <= UnixSocketPath.maximumLength { return local }
        var candidates: [String] = []
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"),
            FileManager.default.fileExists(atPath: runtime)
        {
            candidates.append(runtime + "/tokentop")
        }
        candidates.append("/tmp/tokentop-\(getuid())")
        for directory in candidates {
            let socket = directory + "/" + identifier + ".sock"
            guard socket.utf8.count <= UnixSocketPath.maximumLength else { continue }
            try Self.ensurePrivateDirectory(directory)
            return socket
        }
        throw InstanceError(
            path: local, reason: "no socket path short enough (at most \(UnixSocketPath.maximumLength) bytes) was found"
        )
    }

    /// Creates `directory` with mode 0700, or checks that an existing one is a directory owned by
    /// us that no one else can enter.
    static func ensurePrivateDirectory(_ directory: String) throws(InstanceError) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw InstanceError(path: directory, reason: "cannot create it: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            throw InstanceError(path: directory, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            throw InstanceError(
                path: directory,
                reason: "it is not a private directory of this user (want mode 0700, owned by uid \(getuid()))")
        }
    }
}
