import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A second SIGTERM/SIGINT while the daemon stops (here: waiting for an `onRefresh` hook) ends
/// it at once with 128+n instead of waiting.
@Suite struct DaemonSecondSignalTests {
    let secret = "S3CRET-second-\(UUID().uuidString.prefix(8))"

    @Test func aSecondSignalWhileStoppingExitsAtOnceWith128PlusN() async throws {
        let scratch = try Scratch()
        let credentials = "- accessKey: AK-second\n  secretKey: \(secret)\n  lifetime: 600s\n"
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials))
        defer { sandbox.stop() }
        let started = scratch.path + "/hook-started"
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-second
                secretKey: \(secret)
                sink: {path: sinks/alpha.json, format: json}
                onRefresh: "echo started > '\(started)'; sleep 12"
            """)
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        #expect(
            try await daemon.wait(upTo: 20) { FileManager.default.fileExists(atPath: started) }, "\(daemon.printed)")

        daemon.send(SIGTERM)
        _ = try await daemon.background.waitForLine(
            containing:
                "SIGTERM: stopping; cancelling requests in flight (each is still logged), finishing sink writes and hooks"
        )
        let sent = Date()
        daemon.send(SIGINT)
        #expect(try await daemon.waitForExit(limit: 5) == 128 + SIGINT, "\(daemon.printed)")
        #expect(Date().timeIntervalSince(sent) < 5, "it waited for the hook")
        #expect(
            try await daemon.wait(upTo: 5) {
                daemon.printed.contains { $0.contains("SIGINT again: exiting now without waiting") }
            })
        #expect(!daemon.printed.contains { $0.hasSuffix("stopped") })
    }
}
