import Foundation
import Synchronization

/// Runs the built `tokentop` binary as a real process and collects what it printed.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var all: String { stdout + stderr }
}

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
        throw TestFailure("the tokentop binary was not built next to the tests (\(CommandLine.arguments[0])); run `swift build` first")
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
                "tokentop \(arguments.joined(separator: " ")) did not finish within \(limit)s; printed: \(stdout)\(stderr)")
        }
        let (stdout, stderr) = await collected.finish()
        return ProcessOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Drains both pipes on background threads so a chatty child never blocks on a full pipe.
final class OutputCollector: Sendable {
    private let buffers = Mutex<(Data, Data)>((Data(), Data()))
    private let done = DispatchGroup()

    init(out: Pipe, err: Pipe) {
        for (index, pipe) in [out, err].enumerated() {
            done.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                let data = handle.readDataToEndOfFile()
                self.buffers.withLock { if index == 0 { $0.0 = data } else { $0.1 = data } }
                self.done.leave()
            }
        }
    }

    /// Both pipes' contents once they reached end of file; waits without holding a thread.
    func finish() async -> (String, String) {
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        return buffers.withLock { (String(decoding: $0.0, as: UTF8.self), String(decoding: $0.1, as: UTF8.self)) }
    }
}

/// A long-running child (the sandbox, the daemon) whose output we read line by line.
final class BackgroundProcess: Sendable {
    let process: Process
    private let output: Pipe
    private let lines = Mutex<[String]>([])

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Binary.path())
        process.arguments = arguments
        process.environment = Binary.inheritedEnvironment.merging(environment) { $1 }
        output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    self.lines.withLock { $0.append(line) }
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
        }
    }

    var printed: [String] { lines.withLock { $0 } }

    /// Waits (up to `limit`) for a printed line containing `text`, and returns it.
    func waitForLine(containing text: String, limit: TimeInterval = 30) async throws -> String {
        var found: String?
        var ended = false
        _ = try await AsyncWait.until(limit: limit, every: .milliseconds(20)) {
            found = printed.first { $0.contains(text) }
            // Ended: what it printed is all there will be (read once more after the check).
            ended = !process.isRunning
            return found != nil || ended
        }
        if let found { return found }
        if ended, let line = try await lateLine(containing: text) { return line }
        throw TestFailure(
            "no line containing '\(text)' within \(limit)s\(ended ? " (the process ended)" : ""); printed: \(printed.joined(separator: " | "))")
    }

    /// The reader thread may still be handing over the last lines of a process that just ended.
    private func lateLine(containing text: String) async throws -> String? {
        var found: String?
        _ = try await AsyncWait.until(limit: 1, every: .milliseconds(20)) {
            found = printed.first { $0.contains(text) }
            return found != nil
        }
        return found
    }

    /// Ends it (SIGINT, then harder) without waiting: for `defer` blocks, which cannot await.
    func stop() { AsyncWait.stopInBackground(process) }

    /// Ends it (SIGINT, then harder) and returns its termination status.
    @discardableResult
    func stopAndWait() async throws -> Int32 { try await AsyncWait.stop(process) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
