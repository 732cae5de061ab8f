import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `tokentop daemon` process with metrics on a free loopback port, its state under a scratch
/// directory, and its stderr collected line by line.
final class DaemonProcess: Sendable {
    let background: BackgroundProcess
    let metricsPort: UInt16

    init(
        config: String, log: String, scratch: Scratch, extraArguments: [String] = [],
        environment: [String: String] = [:]
    ) async throws {
        background = try BackgroundProcess(
            [
                "daemon", "--config", config, "--log", log, "--metrics", "127.0.0.1:0", "--socket",
                scratch.path + "/daemon.sock",
            ]
                + extraArguments,
            environment: ["XDG_STATE_HOME": scratch.path + "/state", "XDG_RUNTIME_DIR": scratch.path + "/run"]
                .merging(environment) { _, new in new })
        let line: String
        do {
            line = try await background.waitForLine(containing: "metrics listening on http://")
        } catch {
            background.stop()
            throw error
        }
        guard let range = line.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
            let port = line[range].split(separator: ":").last.flatMap({ UInt16($0) })
        else {
            background.stop()
            throw TestFailure("cannot read the metrics port from: \(line)")
        }
        metricsPort = port
    }

    var pid: Int32 { background.process.processIdentifier }
    var printed: [String] { background.printed }
    var isRunning: Bool { background.process.isRunning }

    func metrics() throws -> String {
        String(decoding: try LoopbackHTTP.get(port: metricsPort, path: "/metrics"), as: UTF8.self)
    }

    func health() throws -> (status: Int, body: String) {
        let answer = try LoopbackHTTP.fetch(port: metricsPort, path: "/healthz")
        return (answer.status, String(decoding: answer.body, as: UTF8.self))
    }

    func send(_ number: Int32) { kill(pid, number) }

    /// Checks `condition` every 50 ms for at most `limit` seconds (sleeping with `Task.sleep`);
    /// false when it never held.
    func wait(upTo limit: TimeInterval, until condition: () throws -> Bool) async throws -> Bool {
        try await AsyncWait.until(limit: limit, condition)
    }

    /// Waits for the process to end by itself and returns its exit status.
    func waitForExit(limit: TimeInterval = 20) async throws -> Int32 {
        guard try await AsyncWait.exit(of: background.process, limit: limit) else {
            background.stop()
            throw TestFailure("the daemon did not exit within \(limit)s; printed: \(printed.joined(separator: " | "))")
        }
        return background.process.terminationStatus
    }

    /// Stops it if still running, without waiting (`defer` at the end of a test that failed half-way).
    func stop() { background.stop() }
}

extension String {
    /// Prometheus sample lines (no comments).
    var metricSamples: [String] { split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") } }
}
