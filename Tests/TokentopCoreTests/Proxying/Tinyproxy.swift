import Foundation

/// A real proxy for the transport tests: Debian's tinyproxy (`apt-get install tinyproxy`), one
/// instance per test, on a free loopback port, with a generated configuration and a log file of
/// its own. It runs in the foreground under a small shell that kills it when the test's pipe to
/// that shell closes, so it dies with the test process even when a test crashes; `stop()` kills
/// it by its pid file. SIGKILL throughout: children inherit the test runner's blocked SIGTERM.
final class Tinyproxy: Sendable {
    let port: Int
    let logPath: String
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

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts tinyproxy; `basicAuth` makes it ask for those credentials, `extraLines` are added to
    /// its configuration as they are (e.g. `ConnectPort 443`).
    static func start(basicAuth: (user: String, password: String)? = nil, extraLines: [String] = []) async throws
        -> Tinyproxy
    {
        let binary = "/usr/bin/tinyproxy"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw StartError(description: "tinyproxy is needed for the proxy tests (apt-get install tinyproxy)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-tinyproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastProblem = "no attempt"
        // A free port is found by binding port 0; another process could take it before tinyproxy
        // does, so a start that does not come up is tried again on another port.
        for _ in 1...5 {
            let port = try freePort()
            let logPath = directory.appendingPathComponent("tinyproxy-\(port).log").path
            let pidPath = directory.appendingPathComponent("tinyproxy-\(port).pid").path
            var lines = [
                "Port \(port)", "Listen 127.0.0.1", "Timeout 30", "LogFile \"\(logPath)\"", "LogLevel Info",
                "PidFile \"\(pidPath)\"", "MaxClients 50", "Allow 127.0.0.1",
            ]
            if let basicAuth { lines.append("BasicAuth \(basicAuth.user) \(basicAuth.password)") }
            lines += extraLines
            let config = directory.appendingPathComponent("tinyproxy-\(port).conf")
            try (lines.joined(separator: "\n") + "\n").write(to: config, atomically: true, encoding: .utf8)

            let lifeline = Pipe()
            // Another child started meanwhile must not hold the pipe open (it would outlive a crash).
            _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "\(binary) -d -c \"$1\" & p=$!; read _; kill -9 $p; wait $p", "tinyproxy-guard", config.path,
            ]
            process.standardInput = lifeline
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let proxy = Tinyproxy(
                port: port, logPath: logPath, pidPath: pidPath, directory: directory, process: process, lifeline: lifeline)
            if await proxy.waitUntilListening() { return proxy }
            lastProblem = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "no log"
            proxy.stopProcess()
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartError(description: "tinyproxy did not start: \(lastProblem.suffix(500))")
    }

    /// What tinyproxy logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops tinyproxy and removes its files.
    func stop() {
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
            if Self.accepts(port: port) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StartError(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}
