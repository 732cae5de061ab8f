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
        throw BenchTestFailure("tokentop-bench was not built next to the tests (\(CommandLine.arguments[0])); run `swift build` first")
    }

    static func run(_ arguments: [String], limit: TimeInterval = 60) throws -> Output {
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
        let readers = DispatchGroup()
        for (index, pipe) in [out, err].enumerated() {
            let handle = pipe.fileHandleForReading
            readers.enter()
            Thread.detachNewThread {
                let data = handle.readDataToEndOfFile()
                collected.store(data, at: index)
                readers.leave()
            }
        }
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw BenchTestFailure("tokentop-bench \(arguments.joined(separator: " ")) did not finish within \(limit)s")
        }
        process.waitUntilExit()
        readers.wait()
        let (stdout, stderr) = collected.texts()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

private final class Collected: Sendable {
    private let data = Mutex<[Data]>([Data(), Data()])

    func store(_ chunk: Data, at index: Int) { data.withLock { $0[index] = chunk } }

    func texts() -> (String, String) {
        data.withLock { (String(decoding: $0[0], as: UTF8.self), String(decoding: $0[1], as: UTF8.self)) }
    }
}

struct BenchTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
