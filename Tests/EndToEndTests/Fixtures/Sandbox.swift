import Foundation

/// A `tokentop sandbox` process on a free loopback port, with its own credentials file.
final class SandboxProcess: Sendable {
    let background: BackgroundProcess
    let baseURL: String

    init(credentialsFile: String, extraArguments: [String] = []) async throws {
        background = try BackgroundProcess(
            ["sandbox", "--port", "0", "--credentials", credentialsFile, "--seed", "7"] + extraArguments)
        let line: String
        do {
            line = try await background.waitForLine(containing: "sandbox listening on http")
        } catch {
            background.stop()
            throw error
        }
        guard let range = line.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            throw TestFailure("cannot read the sandbox address from: \(line)")
        }
        baseURL = String(line[range])
    }

    /// `GET /_sandbox/stats`, as JSON.
    func stats() throws -> [String: Any] {
        guard let port = baseURL.split(separator: ":").last.flatMap({ UInt16($0) }) else { throw TestFailure("bad URL") }
        let data = try LoopbackHTTP.get(port: port, path: "/_sandbox/stats")
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestFailure("stats are not a JSON object")
        }
        return object
    }

    /// Ends it without waiting (for `defer`).
    func stop() { background.stop() }
}

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
