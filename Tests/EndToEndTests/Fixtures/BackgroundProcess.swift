import Foundation
import Synchronization

/// A long-running child (the sandbox, the daemon; or `executable`, such as a shell) whose output
/// we read line by line.
final class BackgroundProcess: Sendable {
    let process: Process
    private let output: Pipe
    private let lines = Mutex<[String]>([])

    init(_ arguments: [String], environment: [String: String] = [:], executable: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? Binary.path())
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
            "no line containing '\(text)' within \(limit)s\(ended ? " (the process ended)" : ""); printed: \(printed.joined(separator: " | "))"
        )
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
