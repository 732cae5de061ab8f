import Foundation

/// A `tokentop daemon` under test: started with a metrics port picked by the daemon (read back
/// from its stderr, which goes to a file in the workspace), stopped with SIGTERM.
final class DaemonProcess {
    let process = Process()
    let stderrPath: String
    private(set) var metricsPort: UInt16 = 0

    var pid: pid_t { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    init(tokentop: String, arguments: [String], environment: [String: String], stderrPath: String) throws {
        self.stderrPath = stderrPath
        guard FileManager.default.createFile(atPath: stderrPath, contents: nil, attributes: [.posixPermissions: 0o600]),
            let stderr = FileHandle(forWritingAtPath: stderrPath)
        else { throw BenchError("cannot create \(stderrPath)") }
        process.executableURL = URL(fileURLWithPath: tokentop)
        process.arguments = ["daemon", "--metrics", "0"] + arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: "metrics listening on "),
                let port = LoopbackHTTP.port(of: String(text[range.upperBound...].prefix { $0 != " " }))
            {
                metricsPort = port
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning { process.terminate() }
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        throw BenchError("tokentop daemon did not serve metrics (stderr: \(text.suffix(400)))")
    }

    /// SIGTERM, then how it ended: "exit N", "signal N", or nil if it did not end within `limit`
    /// (it is then killed).
    func terminate(limit: TimeInterval = 30) -> String? {
        guard process.isRunning else { return ending }
        process.terminate()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return ending
    }

    private var ending: String {
        "\(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)"
    }

    deinit { if process.isRunning { kill(pid, SIGKILL) } }
}
