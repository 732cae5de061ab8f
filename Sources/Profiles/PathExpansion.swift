import Foundation

/// Turns a path written in a profiles file or on the command line into an absolute one.
enum PathExpansion {
    /// Expands a leading `~` or `~/` with `$HOME`; a relative result is taken relative to `baseDirectory`
    /// (the current directory when empty). `.` and `..` are resolved; symlinks are left alone.
    static func expand(_ path: String, baseDirectory: String, environment: [String: String]) -> String {
        let expanded = expandTilde(path, environment: environment)
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let base = baseDirectory.isEmpty ? FileManager.default.currentDirectoryPath : baseDirectory
        return ((base as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    /// Expands a leading `~` or `~/` only; other paths are returned unchanged.
    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return homeDirectory(environment) + path.dropFirst()
    }

    static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }
}
