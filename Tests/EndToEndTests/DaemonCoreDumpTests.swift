import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A running daemon holds secrets and tokens: its core size limit is 0, soft and hard (a shell's
/// `ulimit -c unlimited` before it started does not matter), as `/proc/PID/limits` shows.
@Suite struct DaemonCoreDumpTests {
    @Test func theDaemonsCoreLimitIsZeroSoftAndHard() async throws {
        #if os(Linux)
            let scratch = try Scratch()
            let config = try scratch.write(
                "profiles.yaml",
                """
                profiles:
                  - name: alpha
                    baseURL: http://127.0.0.1:9
                    accessKey: AK-core
                    secretKey: {env: CORE_TEST_SECRET}
                """)
            let daemon = try await DaemonProcess(
                config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
                environment: ["CORE_TEST_SECRET": "S3CRET-core-test"])
            defer { daemon.stop() }
            let limits = try String(contentsOfFile: "/proc/\(daemon.pid)/limits", encoding: .utf8)
            let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") })
            let fields = line.dropFirst("Max core file size".count).split(separator: " ")
            #expect(fields.prefix(2) == ["0", "0"], "\(line)")
            daemon.send(SIGTERM)
            #expect(try await daemon.waitForExit() == 0)
        #endif
    }
}
