import Foundation
import Synchronization

/// The built `tokentop-bench` (next to the test bundle, or `$TOKENTOP_BENCH_BINARY`), run to completion.
enum BenchBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["TOKENTOP_BENCH_BINARY"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("tokentop-bench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw BenchTestFailure(
            "tokentop-bench was not built next to the tests (\(CommandLine.arguments[0])); run `swift build` first")
    }

    /// Runs to completion (at most `limit`). Waits with `Task.sleep`, never blocking a thread of
    /// the cooperative pool: a blocked one (there are two on a 2-core machine) starves the async
    /// suites running alongside for the whole bench run.
    static func run(_ arguments: [String], limit: Duration = .seconds(60)) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        try process.run()
        for (index, pipe) in [out, err].enumerated() {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { collected.store(handle.readDataToEndOfFile(), at: index) }
        }
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            throw BenchTestFailure("tokentop-bench \(arguments.joined(separator: " ")) did not finish within \(limit)")
        }
        while !collected.isComplete { try await Task.sleep(for: .milliseconds(10)) }
        let (stdout, stderr) = collected.texts()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

private final class Collected: Sendable {
    private let data = Mutex<[Data?]>([nil, nil])

    func store(_ chunk: Data, at index: Int) { data.withLock { $0[index] = chunk } }

    var isComplete: Bool { data.withLock { $0.allSatisfy { $0 != nil } } }

    func texts() -> (String, String) {
        data.withLock {
            (String(decoding: $0[0] ?? Data(), as: UTF8.self), String(decoding: $0[1] ?? Data(), as: UTF8.self))
        }
    }
}

struct BenchTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
