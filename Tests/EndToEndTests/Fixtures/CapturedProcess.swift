import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `tokentop` process whose stdout and stderr go straight into files, byte for byte (nothing
/// decoded or split into lines), for tests that search everything a run printed. With `umask`,
/// it is started as `sh -c 'umask U; exec tokentop ...'` (the same process, the given umask).
final class CapturedProcess: Sendable {
    let process: Process
    let stdoutPath: String
    let stderrPath: String

    /// Starts `tokentop arguments...` with `environment` added; output goes to
    /// `<directory>/<name>.stdout` and `.stderr`; runs in `workingDirectory` (default `directory`).
    init(
        _ arguments: [String], environment: [String: String], directory: String, name: String,
        workingDirectory: String? = nil, umask: String? = nil
    ) throws {
        stdoutPath = directory + "/" + name + ".stdout"
        stderrPath = directory + "/" + name + ".stderr"
        process = Process()
        let binary = try Binary.path()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask); exec \"$0\" \"$@\"", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory ?? directory)
        for path in [stdoutPath, stderrPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw TestFailure("cannot create \(path)")
            }
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Runs to completion (at most `limit` seconds) and returns the exit status.
    static func run(
        _ arguments: [String], environment: [String: String], directory: String, name: String,
        workingDirectory: String? = nil, umask: String? = nil, limit: TimeInterval = 60
    ) async throws -> (status: Int32, process: CapturedProcess) {
        let captured = try CapturedProcess(
            arguments, environment: environment, directory: directory, name: name, workingDirectory: workingDirectory,
            umask: umask)
        return (try await captured.waitForExit(limit: limit), captured)
    }

    /// Waits (up to `limit`) for stderr to contain `text`; returns the line holding it.
    @discardableResult
    func waitForStderr(containing text: String, limit: TimeInterval = 30) async throws -> String {
        var found: String?
        _ = try await AsyncWait.until(limit: limit) {
            found = stderr.split(separator: "\n").first { $0.contains(text) }.map(String.init)
            return found != nil || !process.isRunning
        }
        if found == nil { found = stderr.split(separator: "\n").first { $0.contains(text) }.map(String.init) }
        guard let found else {
            throw TestFailure("no stderr line containing '\(text)' within \(limit)s; stderr: \(stderr)")
        }
        return found
    }

    /// Waits for the process to end by itself (at most `limit`), and returns its exit status.
    func waitForExit(limit: TimeInterval = 30) async throws -> Int32 {
        guard try await AsyncWait.exit(of: process, limit: limit) else {
            AsyncWait.stopInBackground(process, first: SIGTERM, grace: 3)
            throw TestFailure(
                "tokentop \(process.arguments?.joined(separator: " ") ?? "") did not exit within \(limit)s")
        }
        return process.terminationStatus
    }

    func send(_ number: Int32) { kill(pid, number) }

    /// Ends it without waiting (for `defer`).
    func stop() { AsyncWait.stopInBackground(process, first: SIGTERM, grace: 5) }
}
