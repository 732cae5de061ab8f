import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real HTTP proxy for one test: Debian's tinyproxy (`apt-get install tinyproxy`), one instance
/// per test, on a free loopback port, with a generated configuration and a log of its own
/// (`LogLevel Info` logs every request line it receives, e.g. `CONNECT 127.0.0.1:8080 HTTP/1.1`).
///
/// It runs in the foreground under a small guard shell that kills it when the test's pipe to that
/// shell closes, so it dies with the test process even when a test crashes; `stop()` kills it by
/// its pid file and reaps the guard. SIGKILL throughout: children inherit the test runner's
/// blocked SIGTERM.
public final class Tinyproxy: Sendable {
    public static let executable = "/usr/bin/tinyproxy"

    public let port: Int
    public let logPath: String
    private let pidPath: String
    private let directory: URL
    private let process: Process
    private let lifeline: Pipe

    private init(port: Int, logPath: String, pidPath: String, directory: URL, process: Process, lifeline: Pipe) {
        self.port = port
        self.logPath = logPath
        self.pidPath = pidPath
        self.directory = directory
        self.process = process
        self.lifeline = lifeline
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// `host:port` as tokentop shows the proxy.
    public var label: String { "127.0.0.1:\(port)" }
    /// The proxy as an environment variable names it.
    public var url: String { "http://\(label)" }

    /// Starts tinyproxy; `basicAuth` makes it ask for those credentials (407 without them),
    /// `extraLines` are added to its configuration as they are (e.g. `ConnectPort 443`).
    public static func start(basicAuth: (user: String, password: String)? = nil, extraLines: [String] = [])
        async throws -> Tinyproxy
    {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StartError("tinyproxy is needed for the proxy tests (apt-get install tinyproxy)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-tinyproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastProblem = "no attempt"
        // A free port is found by binding port 0; another process could take it before tinyproxy
        // does, so a start that does not come up is tried again on another port.
        for _ in 1...5 {
            let port = try LoopbackPort.free()
            let logPath = directory.appendingPathComponent("tinyproxy-\(port).log").path
            let pidPath = directory.appendingPathComponent("tinyproxy-\(port).pid").path
            var lines = [
                "Port \(port)", "Listen 127.0.0.1", "Timeout 30", "LogFile \"\(logPath)\"", "LogLevel Info",
                "PidFile \"\(pidPath)\"", "MaxClients 50", "Allow 127.0.0.1", "DisableViaHeader Yes",
            ]
            if let basicAuth { lines.append("BasicAuth \(basicAuth.user) \(basicAuth.password)") }
            lines += extraLines
            let config = directory.appendingPathComponent("tinyproxy-\(port).conf")
            try (lines.joined(separator: "\n") + "\n").write(to: config, atomically: true, encoding: .utf8)

            let lifeline = Pipe()
            // Another child started meanwhile (a tmux server, a tokentop) must not hold the pipe
            // open: the guard would never see it close, and the proxy would outlive the test.
            _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "\(executable) -d -c \"$1\" & p=$!; read _; kill -9 $p; wait $p", "tinyproxy-guard", config.path,
            ]
            process.standardInput = lifeline
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let proxy = Tinyproxy(
                port: port, logPath: logPath, pidPath: pidPath, directory: directory, process: process,
                lifeline: lifeline)
            if await proxy.waitUntilListening() { return proxy }
            lastProblem = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "no log"
            proxy.stopProcess()
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartError("tinyproxy did not start: \(lastProblem.suffix(500))")
    }

    /// What tinyproxy logged so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The request lines it received (`CONNECT 127.0.0.1:8080 HTTP/1.1`, or
    /// `POST http://127.0.0.1:8080/api/v0/merchant/token HTTP/1.1` for a request in absolute form).
    public func requestLines() -> [String] {
        log.split(separator: "\n").compactMap { line in
            line.range(of: "): ").flatMap { range in
                line.contains("Request (file descriptor") ? String(line[range.upperBound...]) : nil
            }
        }
    }

    /// The request lines that asked it for `authority` (`127.0.0.1:8080`): a CONNECT tunnel to it,
    /// or a request in absolute form for a URL on it.
    public func requests(to authority: String) -> [String] {
        requestLines().filter { $0.hasPrefix("CONNECT \(authority) ") || $0.contains(" http://\(authority)/") }
    }

    /// Stops tinyproxy, waits for its guard to exit, and removes its files.
    public func stop() {
        stopProcess()
        try? FileManager.default.removeItem(at: directory)
    }

    private func stopProcess() {
        let pidText = (try? String(contentsOfFile: pidPath, encoding: .utf8)) ?? ""
        if let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 { kill(pid, SIGKILL) }
        try? lifeline.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Polls for the listening socket (at most 5 s), as long as the process runs.
    private func waitUntilListening() async -> Bool {
        let limit = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < limit && process.isRunning {
            if LoopbackPort.accepts(port) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
