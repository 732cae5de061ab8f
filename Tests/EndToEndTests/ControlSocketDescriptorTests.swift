import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A daemon out of descriptors: accepting fails with EMFILE while clients wait. It must not
/// spin retrying the accept: the waiting clients are told and closed, and a client that comes
/// once descriptors are free again is served.
@Suite(.serialized) struct ControlSocketDescriptorTests {
    let secret = "S3CRET-descriptors-\(UUID().uuidString.prefix(8))"

    /// User plus system CPU time of `pid`, in clock ticks.
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw TestFailure("cannot read /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Fields from the third (state) on: utime is the 14th, stime the 15th.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw TestFailure("cannot read the CPU times in /proc/\(pid)/stat")
        }
        return user + system
    }

    static func openDescriptors(_ pid: Int32) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }

    /// Sets `pid`'s soft RLIMIT_NOFILE with util-linux `prlimit`.
    static func setSoftLimit(_ pid: Int32, _ soft: Int) async throws {
        let result = try await Binary.run(["--pid", "\(pid)", "--nofile=\(soft):"], executable: "/usr/bin/prlimit")
        guard result.status == 0 else { throw TestFailure("prlimit failed: \(result.stderr)") }
    }

    // Needs util-linux's prlimit (`.ci/run` installs it): without it the test fails, never skips.
    @Test
    func acceptFailingWithEMFILEDoesNotSpinAndServingGoesOnAfterwards() async throws {
        let scratch = try Scratch()
        let credentials = try scratch.write(
            "credentials.yaml", "- accessKey: AK-descriptors\n  secretKey: \(secret)\n  lifetime: 300s\n")
        let sandbox = try await SandboxProcess(credentialsFile: credentials)
        defer { sandbox.stop() }
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-descriptors
                secretKey: \(secret)

            """)
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        let socket = scratch.path + "/daemon.sock"
        let first = try SocketRecorder(path: socket)
        try await first.wait("the hello") { $0.count(type: "hello") == 1 }

        let idleStart = try Self.cpuTicks(daemon.pid)
        try await Task.sleep(for: .seconds(1))
        let idle = try Self.cpuTicks(daemon.pid) - idleStart
        // Two descriptors to spare: the third waiting client finds the table full.
        try await Self.setSoftLimit(daemon.pid, try Self.openDescriptors(daemon.pid) + 2)
        let waiting = try (0..<12).map { _ in try SocketRecorder(path: socket) }
        try await Task.sleep(for: .milliseconds(300))
        let before = try Self.cpuTicks(daemon.pid)
        try await Task.sleep(for: .seconds(1))
        let spent = try Self.cpuTicks(daemon.pid) - before
        let ticksPerSecond = sysconf(Int32(_SC_CLK_TCK))
        #expect(
            spent * 5 < ticksPerSecond,
            "the daemon used \(spent) of \(ticksPerSecond) ticks in a second (\(idle) before)")
        // Each waiting client was either served or told why not, and closed.
        for client in waiting {
            try await client.wait("a hello or an error line") { $0.count(type: "hello") + $0.count(type: "error") == 1 }
        }
        let refused = waiting.filter { $0.count(type: "error") == 1 }
        #expect(!refused.isEmpty, "accept never failed: the test proves nothing")
        for client in refused {
            #expect(String(decoding: client.bytes, as: UTF8.self).contains("out of file descriptors; try again later"))
            #expect(try await client.waitForEnd())
        }
        #expect(daemon.isRunning)

        try await Self.setSoftLimit(daemon.pid, 4096)
        let late = try SocketRecorder(path: socket)
        try await late.wait("the hello once descriptors are free") { $0.count(type: "hello") == 1 }
        try first.send(#"{"type":"status","id":1}"#)
        try await first.wait("the snapshot") { $0.count(type: "snapshot") == 1 }
        daemon.send(SIGINT)
        #expect(try await daemon.waitForExit() == 0)
    }
}
