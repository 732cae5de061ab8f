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

    /// Runs `tokentop arguments...` to completion (at most `limit`), with `environment` added.
    static func run(_ arguments: [String], environment: [String: String] = [:], limit: TimeInterval = 60) throws
        -> ProcessOutput
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = OutputCollector(out: out, err: err)
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TestFailure("tokentop \(arguments.joined(separator: " ")) did not finish within \(limit)")
        }
        process.waitUntilExit()
        let (stdout, stderr) = collected.finish()
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

    func finish() -> (String, String) {
        done.wait()
        return buffers.withLock { (String(decoding: $0.0, as: UTF8.self), String(decoding: $0.1, as: UTF8.self)) }
    }
}

/// A long-running child (the sandbox) whose first line of output we wait for.
final class BackgroundProcess: Sendable {
    let process: Process
    private let output: Pipe
    private let lines = Mutex<[String]>([])

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Binary.path())
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
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
    func waitForLine(containing text: String, limit: TimeInterval = 30) throws -> String {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if let line = printed.first(where: { $0.contains(text) }) { return line }
            if !process.isRunning { break }
            usleep(20_000)
        }
        throw TestFailure("no line containing '\(text)' within \(limit)s; printed: \(printed.joined(separator: " | "))")
    }

    func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
