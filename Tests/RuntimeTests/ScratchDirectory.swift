import Foundation

/// A private directory for one test, removed when the test drops it. Short (under /tmp) so a
/// Unix socket path inside it stays within the 108-byte limit.
final class ScratchDirectory: Sendable {
    let path: String

    init() throws {
        let path = "/tmp/rt-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        self.path = path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (mode 0600, as a file holding secrets must be) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        return file
    }

    /// An environment that keeps every state, config and runtime directory inside this one.
    var environment: [String: String] {
        [
            "HOME": path, "XDG_STATE_HOME": path + "/state", "XDG_CONFIG_HOME": path + "/config",
            "XDG_RUNTIME_DIR": path + "/run",
        ]
    }
}
