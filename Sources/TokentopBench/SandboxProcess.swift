import Foundation

/// A separate `tokentop sandbox` process serving generated credentials on a free loopback port.
final class SandboxProcess {
    let process = Process()
    let baseURL: String

    init(tokentop: String, credentials: String, environment: [String: String], seed: UInt64 = 1) throws {
        process.executableURL = URL(fileURLWithPath: tokentop)
        process.arguments = ["sandbox", "--port", "0", "--credentials", credentials, "--seed", "\(seed)"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        // The sandbox logs each request on stderr; nobody reads it here.
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let fd = output.fileHandleForReading.fileDescriptor
        var text = ""
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, !text.contains("\n") {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else {
                if !process.isRunning { break }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        guard let range = text.range(of: "listening on "),
            let url = text[range.upperBound...].split(separator: " ").first
        else {
            if process.isRunning { process.terminate() }
            throw BenchError("tokentop sandbox did not start (it printed: \(text.prefix(200)))")
        }
        baseURL = String(url)
    }

    /// `GET` (the counts) or `DELETE` (reset them) `/_sandbox/stats`: the body of a 200, else nil.
    func stats(_ method: String = "GET", timeout: TimeInterval = 30) -> String? {
        guard let port = LoopbackHTTP.port(of: baseURL),
            let answer = LoopbackHTTP.request(method, port: port, path: "/_sandbox/stats", timeout: timeout),
            answer.status == 200
        else { return nil }
        return answer.body
    }

    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }

    deinit { stop() }
}
