import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A symlink planted at a sink path is replaced by a regular file, never written through: at start,
/// for a profile added by a reload, and at a refresh. The file it pointed at keeps its mode and text.
@Suite(.serialized) struct DaemonSinkSymlinkTests {
    let secret = "S3CRET-symlink-\(UUID().uuidString.prefix(8))"
    let victimText = "victim: not a token\n"

    func profiles(_ baseURL: String, withBeta: Bool) -> String {
        var text = """
            defaults:
              baseURL: \(baseURL)
            profiles:
              - name: alpha
                accessKey: AK-link-a
                secretKey: \(secret)
                sink: sinks/alpha.token
            """
        if withBeta {
            text += """

                  - name: beta
                    accessKey: AK-link-b
                    secretKey: \(secret)
                    sink: {path: sinks/beta.token, format: json}
                """
        }
        return text
    }

    func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    func plant(_ link: String, to target: String) throws {
        unlink(link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    }

    func expectVictimUnchanged(_ victim: String, _ when: String) throws {
        var info = stat()
        #expect(lstat(victim, &info) == 0 && (info.st_mode & 0o7777) == 0o644, "victim's mode \(when)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == victimText, "victim's text \(when)")
    }

    func issued(_ sandbox: SandboxProcess, _ key: String) throws -> Int {
        let keys = try sandbox.stats()["accessKeys"] as? [String: Any]
        return (keys?[key] as? [String: Any])?["issued"] as? Int ?? 0
    }

    @Test func aPlantedSymlinkIsReplacedAtStartReloadAndRefresh() async throws {
        let scratch = try Scratch()
        let credentials = ["AK-link-a", "AK-link-b"].map {
            "- accessKey: \($0)\n  secretKey: \(secret)\n  lifetime: 600s"
        }
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", credentials.joined(separator: "\n") + "\n"))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, withBeta: false))
        let victim = try scratch.write("victim.txt", victimText, mode: 0o644)
        try FileManager.default.createDirectory(atPath: scratch.path + "/sinks", withIntermediateDirectories: true)
        let alpha = scratch.path + "/sinks/alpha.token"
        let beta = scratch.path + "/sinks/beta.token"
        try plant(alpha, to: "../victim.txt")

        // At start.
        // No manual rate limit, so the refresh below sends a request at once.
        let daemon = try await DaemonProcess(
            config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
            extraArguments: ["--manual-refresh-interval", "0"])
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { isRegularFile(alpha) }, "\(daemon.printed)")
        let written = try String(contentsOfFile: alpha, encoding: .utf8)
        #expect(!written.isEmpty && written != victimText, "the token went to the sink path")
        try expectVictimUnchanged(victim, "at start")

        // On reload: a profile added with a symlink (absolute this time) at its sink path.
        try plant(beta, to: victim)
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, withBeta: true))
        daemon.send(SIGHUP)
        #expect(try await daemon.wait(upTo: 20) { isRegularFile(beta) }, "\(daemon.printed)")
        try expectVictimUnchanged(victim, "after the reload")

        // On refresh: the link is planted again over alpha's sink, then alpha is refreshed.
        try plant(alpha, to: "../victim.txt")
        let asker = try SocketRecorder(path: scratch.path + "/daemon.sock")
        try await asker.wait("hello") { $0.count(type: "hello") == 1 }
        try asker.send(#"{"type":"refresh","profile":"alpha"}"#)
        #expect(
            try await daemon.wait(upTo: 20) { try issued(sandbox, "AK-link-a") == 2 && isRegularFile(alpha) },
            "\(daemon.printed)")
        try expectVictimUnchanged(victim, "after the refresh")
        asker.close()

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
