import Foundation

/// Turns a path written in a profiles file or on the command line into an absolute one.
enum PathExpansion {
    /// Expands a leading `~` or `~/` with `$HOME`; a relative result is taken relative to `baseDirectory`
    /// (the current directory when empty). `.` and `..` are removed lexically and symlinks are left
    /// alone: a sink path names the link itself, so the writer can replace it instead of following it.
    static func expand(_ path: String, baseDirectory: String, environment: [String: String]) -> String {
        let expanded = expandTilde(path, environment: environment)
        if expanded.hasPrefix("/") { return lexicallyNormalized(expanded) }
        let base = baseDirectory.isEmpty ? FileManager.default.currentDirectoryPath : baseDirectory
        return lexicallyNormalized(base + "/" + expanded)
    }

    /// An absolute `path` without empty, `.` and `..` components, worked out from the text alone
    /// (`..` drops the component before it, whatever that is on disk); `..` at the root stays at the root.
    static func lexicallyNormalized(_ path: String) -> String {
        var kept: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(component)
            }
        }
        return "/" + kept.joined(separator: "/")
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
