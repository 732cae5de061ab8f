import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directories a run is about to create (the instance directory and whichever of its parents
/// are missing), so that a run refused for its configuration can remove them again and leave
/// nothing behind, as the daemon (which reads the file before creating anything) does.
struct FreshDirectories {
    /// Missing directories from `path` up, deepest first; empty when `path` already exists.
    let paths: [String]

    init(creating path: String) {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", access(current, F_OK) != 0 {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        paths = missing
    }

    /// Removes `files` (inside the deepest directory) and then the directories, each only if it
    /// is empty by then. Nothing when the directory existed before this run: it is not ours.
    func remove(files: [String]) {
        guard !paths.isEmpty else { return }
        for file in files { unlink(file) }
        for directory in paths {
            // Not empty (something else lives there now): it and its parents stay.
            guard rmdir(directory) == 0 else { return }
        }
    }
}
