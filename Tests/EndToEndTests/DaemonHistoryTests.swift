import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tokentop daemon` answers `history` from its result log: a reader of another user (a member
/// of `--socket-group`, uid 65534) may ask, gets the attempts with fingerprints only, and a
/// broken line in the log is skipped, counted in the answer and logged.
@Suite(.serialized) struct DaemonHistoryTests {
    let secret = "S3CRET-history-\(UUID().uuidString.prefix(8))"

    @Test func aReaderGetsTheAttemptsFromTheResultLog() async throws {
        let scratch = try Scratch()
        chmod(scratch.path, 0o755)
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write(
                "credentials.yaml", "- accessKey: AK-history-a\n  secretKey: \(secret)\n  lifetime: 600s\n"))
        defer { sandbox.stop() }
        let config = try scratch.write(
            "profiles.yaml",
            "defaults:\n  baseURL: \(sandbox.baseURL)\nprofiles:\n  - name: alpha\n    accessKey: AK-history-a\n    secretKey: \(secret)\n"
        )
        let log = try scratch.write("results.jsonl", "a line someone else wrote\n")
        let daemon = try await DaemonProcess(
            config: config, log: log, scratch: scratch,
            extraArguments: ["--socket-group", "\(DaemonSocketGroupTests.nobody)"])
        defer { daemon.stop() }
        try await AttachTmuxTests.waitForRequests(sandbox, 1)
        #expect(
            try await daemon.wait(upTo: 10) {
                ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("alpha")
            })

        let lines = try await OtherUserSocket.talk(
            to: scratch.path + "/daemon.sock", as: DaemonSocketGroupTests.nobody,
            [#"{"type":"history","limit":100,"id":1}"#])
        #expect(lines.first?.contains(#""canAct":false"#) == true, "\(lines)")
        let answer = try #require(lines.first { $0.contains(#""id":1"#) }, "\(lines)")
        #expect(answer.contains(#""type":"attempts""#), "\(answer)")
        #expect(answer.contains(#""profile":"alpha""#) && answer.contains(#""outcome":"success""#), "\(answer)")
        #expect(answer.contains(#""tokenFingerprint":""#), "\(answer)")
        #expect(answer.contains(#""skippedLines":1"#), "\(answer)")
        #expect(
            !answer.contains(secret) && !answer.contains(#""token":"#) && !answer.contains("accessToken"), "\(answer)")
        #expect(
            try await daemon.wait(upTo: 10) { daemon.printed.contains { $0.contains("1 unreadable lines skipped") } })
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
