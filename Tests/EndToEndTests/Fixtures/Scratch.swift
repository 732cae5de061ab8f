import Foundation

/// A temporary directory removed when the test ends.
final class Scratch: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// State, runtime and config directories (and HOME) under the scratch directory, for every
    /// run of the binary: a regression can then never touch the real $HOME or its instance.
    var environment: [String: String] {
        [
            "XDG_STATE_HOME": path + "/state", "XDG_RUNTIME_DIR": path + "/run", "XDG_CONFIG_HOME": path + "/config",
            "HOME": path + "/home",
        ]
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}
