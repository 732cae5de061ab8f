import Foundation
import Synchronization

enum Binary {
    /// The `tokentop` executable next to the test bundle (or `$TOKENTOP_BINARY`).
    static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["TOKENTOP_BINARY"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("tokentop").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw TestFailure(
            "the tokentop binary was not built next to the tests (\(CommandLine.arguments[0])); run `swift build` first"
        )
    }

    /// The test process's environment without proxy variables: a proxy set on the machine that
    /// runs the tests must not reroute the binary's loopback requests (a test sets its own).
    static var inheritedEnvironment: [String: String] {
        let proxyVariables: Set = [
            "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
        ]
        return ProcessInfo.processInfo.environment.filter { !proxyVariables.contains($0.key) }
    }

    /// Runs `tokentop arguments...` (or `executable arguments...`) to completion (at most `limit`),
    /// with `environment` added. Async: the wait sleeps with `Task.sleep` and the pipes drain on
    /// threads of their own, so no cooperative thread is held while the child runs.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], limit: TimeInterval = 60, executable: String? = nil
    ) async throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? path())
        process.arguments = arguments
        process.environment = inheritedEnvironment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = OutputCollector(out: out, err: err)
        guard try await AsyncWait.exit(of: process, limit: limit) else {
            try await AsyncWait.stop(process, first: SIGTERM, grace: 5)
            let (stdout, stderr) = await collected.finish()
            throw TestFailure(
                "tokentop \(arguments.joined(separator: " ")) did not finish within \(limit)s; printed: \(stdout)\(stderr)"
            )
        }
        let (stdout, stderr) = await collected.finish()
        return ProcessOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
