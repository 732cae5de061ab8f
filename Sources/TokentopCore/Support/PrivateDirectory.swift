import Foundation

/// Directories for tokentop's own files (result log, profiles template, later sinks and state):
/// created with mode 0700 so nothing inside is reachable by other users.
public enum PrivateDirectory {
    /// Creates the parent directory of `path` (and its parents) with mode 0700 when missing.
    /// Returns the directory it needed, or nil when `path` has none; throws what FileManager threw.
    @discardableResult
    public static func createParent(of path: String) throws -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return nil }
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory
    }
}
