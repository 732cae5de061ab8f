import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directories a run created (the instance directory and whichever of its parents were
/// missing, as `PrivateDirectory.create` reports them: not those another process made at the same
/// moment), so that a run refused for its configuration can remove them again and leave nothing
/// behind, as the daemon (which reads the file before creating anything) does.
public struct FreshDirectories {
    /// The directories this run made, deepest first; empty when the directory already existed.
    let paths: [String]

    public init(made paths: [String]) {
        self.paths = paths
    }

    /// Removes `files` (inside the deepest directory) and then the directories, each only if it
    /// is empty by then. Nothing when the directory existed before this run: it is not ours.
    public func remove(files: [String]) {
        guard !paths.isEmpty else { return }
        for file in files { unlink(file) }
        for directory in paths {
            // Not empty (something else lives there now): it and its parents stay.
            guard rmdir(directory) == 0 else { return }
        }
    }
}
