import Foundation

/// A control-socket client running as another user: `setpriv` to `uid` (and group `uid`, no
/// other groups) running `socat`, as a member of a daemon's `--socket-group` would. Shared by the
/// control server's tests and the end-to-end tests of a daemon.
public enum OtherUserSocket {
    /// Sends `requests`, closes the sending side and returns every line the server wrote before
    /// it closed (socat waits up to 30 s for them).
    public static func talk(to path: String, as uid: UInt32, _ requests: [String]) async throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "socat", "-t", "30", "-", "UNIX-CONNECT:\(path)",
        ]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((requests.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            throw OtherUserSocketError("socat as uid \(uid) did not finish within 60 s")
        }
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard problems.isEmpty else { throw OtherUserSocketError("socat as uid \(uid): \(problems)") }
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
            .map(String.init)
    }
}
