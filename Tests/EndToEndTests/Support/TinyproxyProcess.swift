import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real HTTP proxy for one test: Debian's `tinyproxy` in the foreground on a free loopback
/// port, with a generated configuration and a log of its own that the test reads (`LogLevel
/// Info` logs every request line it receives, e.g. `Request (file descriptor 5): POST http://...`).
final class TinyproxyProcess: Sendable {
    static let executable = "/usr/bin/tinyproxy"

    let port: UInt16
    let logPath: String
    /// The guard shell around tinyproxy (see `init`), and its stdin.
    private let process: Process
    private let guardInput: Pipe

    /// `host:port` as tokentop shows the proxy.
    var label: String { "127.0.0.1:\(port)" }
    var url: String { "http://\(label)" }

    /// Starts it in `directory`; with `basicAuth`, requests without those credentials get 407.
    init(directory: String, basicAuth: (user: String, password: String)? = nil) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw TestFailure("\(Self.executable) is missing; install Debian's tinyproxy (apt-get install tinyproxy)")
        }
        var lastFailure = ""
        // A port found free can be taken before tinyproxy binds it: try a few.
        for attempt in 1...3 {
            let port = try FreeLoopbackPort.find()
            let log = "\(directory)/tinyproxy-\(port).log"
            var config = """
                Port \(port)
                Listen 127.0.0.1
                Timeout 30
                LogFile "\(log)"
                LogLevel Info
                MaxClients 20
                Allow 127.0.0.1
                DisableViaHeader Yes

                """
            if let basicAuth { config += "BasicAuth \(basicAuth.user) \(basicAuth.password)\n" }
            let configPath = "\(directory)/tinyproxy-\(port).conf"
            try config.write(toFile: configPath, atomically: true, encoding: .utf8)
            // Through a guard shell that SIGKILLs tinyproxy when its stdin closes: the test runner
            // blocks SIGTERM and its children inherit that, so tinyproxy would ignore one; and if
            // the runner dies, its end of the pipe closes and the proxy goes with it.
            let process = Process()
            let guardInput = Pipe()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "\(Self.executable) -d -c \"$1\" & p=$!; read _; kill -9 $p; wait $p", "tinyproxy-guard", configPath,
            ]
            process.standardInput = guardInput
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let listening = try await AsyncWait.until(limit: 10, every: .milliseconds(20)) {
                !process.isRunning || ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("Accepting connections")
            }
            if listening, process.isRunning, FreeLoopbackPort.accepts(port) {
                self.port = port
                self.logPath = log
                self.process = process
                self.guardInput = guardInput
                return
            }
            Self.stop(guardInput)
            lastFailure = "attempt \(attempt) on port \(port): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "no log")"
        }
        throw TestFailure("tinyproxy did not start: \(lastFailure)")
    }

    /// Everything tinyproxy logged so far.
    func log() throws -> String { try String(contentsOfFile: logPath, encoding: .utf8) }

    /// The request lines it received (`CONNECT 127.0.0.1:8080 HTTP/1.1`, or
    /// `POST http://127.0.0.1:8080/api/v0/merchant/token HTTP/1.1` for a request in absolute form).
    func requestLines() throws -> [String] {
        try log().split(separator: "\n").compactMap { line in
            line.range(of: "): ").flatMap { range in
                line.contains("Request (file descriptor") ? String(line[range.upperBound...]) : nil
            }
        }
    }

    /// The request lines that asked it for `authority` (`127.0.0.1:8080`): a CONNECT tunnel to it,
    /// or a request in absolute form for a URL on it.
    func requests(to authority: String) throws -> [String] {
        try requestLines().filter { $0.hasPrefix("CONNECT \(authority) ") || $0.contains(" http://\(authority)/") }
    }

    /// Ends it without waiting (for `defer`).
    func stop() { Self.stop(guardInput) }

    /// Closing the guard's stdin makes it SIGKILL tinyproxy, reap it and exit (Foundation reaps
    /// the guard).
    private static func stop(_ guardInput: Pipe) {
        try? guardInput.fileHandleForWriting.close()
    }
}
