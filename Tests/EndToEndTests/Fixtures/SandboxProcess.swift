import Foundation

/// A `tokentop sandbox` process on a free loopback port, with its own credentials file.
final class SandboxProcess: Sendable {
    let background: BackgroundProcess
    let baseURL: String
    /// The line it printed once listening (`sandbox listening on URL (N merchants)`).
    let listening: String

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
        listening = line
    }

    /// `GET /_sandbox/stats`, as JSON.
    func stats() throws -> [String: Any] {
        guard let port = baseURL.split(separator: ":").last.flatMap({ UInt16($0) }) else {
            throw TestFailure("bad URL")
        }
        let data = try LoopbackHTTP.get(port: port, path: "/_sandbox/stats")
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestFailure("stats are not a JSON object")
        }
        return object
    }

    /// Ends it without waiting (for `defer`).
    func stop() { background.stop() }
}
