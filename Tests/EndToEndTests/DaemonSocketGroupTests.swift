import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tokentop daemon --socket-group`: a member of the group running as another user (uid 65534,
/// group nogroup) may read but is refused a refresh on the same, still usable, connection, and
/// the daemon logs it; with `--socket-group-can-act` the same refresh reaches EnKash.
@Suite(.serialized) struct DaemonSocketGroupTests {
    let secret = "S3CRET-group-\(UUID().uuidString.prefix(8))"
    static let nobody: UInt32 = 65534

    func profiles(_ baseURL: String) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: alpha
            accessKey: AK-group-a
            secretKey: \(secret)
        """
    }

    @Test func aGroupMemberOfAnotherUserReadsAndActsOnlyWhenAllowed() async throws {
        let scratch = try Scratch()
        chmod(scratch.path, 0o755)
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write(
                "credentials.yaml", "- accessKey: AK-group-a\n  secretKey: \(secret)\n  lifetime: 600s\n"))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))
        let socket = scratch.path + "/daemon.sock"
        let requests = [
            #"{"type":"status","id":1}"#, #"{"type":"refresh","profile":"alpha","id":2}"#, #"{"type":"status","id":3}"#,
        ]

        let readOnly = try await DaemonProcess(
            config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
            extraArguments: ["--socket-group", "\(Self.nobody)"])
        defer { readOnly.stop() }
        try await AttachTmuxTests.waitForRequests(sandbox, 1)
        let lines = try await OtherUserSocket.talk(to: socket, as: Self.nobody, requests)
        #expect(lines.first?.contains(#""canAct":false"#) == true, "\(lines)")
        #expect(lines.contains { $0.contains(#""id":1"#) && $0.contains(#""type":"snapshot""#) }, "\(lines)")
        let refusal = try #require(lines.first { $0.contains(#""id":2"#) }, "\(lines)")
        #expect(refusal.contains(#""type":"error""#) && refusal.contains("uid 65534 may only read"), "\(refusal)")
        #expect(
            lines.contains { $0.contains(#""id":3"#) && $0.contains(#""type":"snapshot""#) },
            "the connection stayed usable: \(lines)")
        #expect(
            try await readOnly.wait(upTo: 10) {
                readOnly.printed.contains { $0.contains("refused refresh from uid 65534") }
            })
        #expect(readOnly.printed.filter { $0.contains("refused refresh") }.count == 1, "\(readOnly.printed)")
        #expect(try AttachTmuxTests.requests(sandbox) == 1, "the refused refresh reached EnKash")
        readOnly.send(SIGTERM)
        #expect(try await readOnly.waitForExit() == 0)

        let acting = try await DaemonProcess(
            config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
            extraArguments: [
                "--socket-group", "\(Self.nobody)", "--socket-group-can-act", "--manual-refresh-interval", "0",
            ])
        defer { acting.stop() }
        try await AttachTmuxTests.waitForRequests(sandbox, 2)
        let allowed = try await OtherUserSocket.talk(
            to: socket, as: Self.nobody, [#"{"type":"refresh","profile":"alpha","id":2}"#])
        #expect(allowed.first?.contains(#""canAct":true"#) == true, "\(allowed)")
        let result = try #require(allowed.first { $0.contains(#""id":2"#) }, "\(allowed)")
        #expect(result.contains(#""ok":true"#) && result.contains(#""trigger":"manual""#), "\(result)")
        #expect(try AttachTmuxTests.requests(sandbox) == 3)
        acting.send(SIGTERM)
        #expect(try await acting.waitForExit() == 0)
    }

    @Test func theOptionNeedsASocketGroup() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", profiles("http://127.0.0.1:9"))
        let result = try await Binary.run(
            ["daemon", "--config", config, "--socket-group-can-act"], environment: scratch.environment, limit: 20)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--socket-group-can-act needs --socket-group"), "\(result.stderr)")
        let help = try await Binary.run(["daemon", "--help"], environment: scratch.environment, limit: 20)
        #expect(help.stdout.contains("--socket-group-can-act"))
    }
}
