import Foundation
import Testing

/// `ps` must never show a secret or a token: not tokentop's own arguments, not a `{command:}`
/// secret reference's, not an `onRefresh` hook's. While both run, every process's command line
/// (and the hook's environment) is read from /proc and searched.
@Suite struct CommandLineSecretsTests {
    let secret = "S3CRET-cmdline-\(UUID().uuidString.prefix(8))"
    let canary = "canary-\(UUID().uuidString.prefix(8))"

    /// Every process's command line, NULs as spaces.
    static func commandLines() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
                String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            }
        }
    }

    @Test func noSecretOrTokenOnAnyCommandLine() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write(
                "credentials.yaml", "- accessKey: AK-cmdline\n  secretKey: \(secret)\n  lifetime: 600s\n"))
        defer { sandbox.stop() }
        try scratch.write("secret.key", secret + "\n")
        let hookEnvironment = scratch.path + "/hook-environ"
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: alpha
                baseURL: \(sandbox.baseURL)
                accessKey: AK-cmdline
                # The command lives a while, so its command line can be read while it runs.
                secretKey: {command: "sleep 1; cat '\(scratch.path)/secret.key'"}
                sink: {path: alpha.token}
                onRefresh: "cat /proc/$$/environ > '\(hookEnvironment)'; sleep 2"
            """)
        let daemon = Task {
            // A variable of the daemon's own environment (where {env:} secrets live): the hook
            // must not inherit it.
            try await DaemonProcess(
                config: config, log: scratch.path + "/results.jsonl", scratch: scratch,
                environment: ["CMDLINE_TEST_CANARY": canary])
        }
        // Read every command line while the secret command runs (start-up) and while the hook runs.
        var seen: [String] = []
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && !FileManager.default.fileExists(atPath: hookEnvironment) {
            seen += Self.commandLines()
            try await Task.sleep(for: .milliseconds(50))
        }
        for _ in 0..<10 {
            seen += Self.commandLines()
            try await Task.sleep(for: .milliseconds(50))
        }
        let running = try await daemon.value
        defer { running.stop() }
        #expect(seen.contains { $0.contains("sleep 1; cat") }, "the secret command was never seen running")
        #expect(seen.contains { $0.contains("/proc/$$/environ") }, "the hook was never seen running")
        let token = try scratch.read("alpha.token").trimmingCharacters(in: .newlines)
        #expect(!token.isEmpty)
        #expect(!seen.contains { $0.contains(secret) }, "a secret on a command line")
        #expect(!seen.contains { $0.contains(token) }, "a token on a command line")
        let environ = String(decoding: try Data(contentsOf: URL(fileURLWithPath: hookEnvironment)), as: UTF8.self)
        #expect(environ.contains("TOKENTOP_PROFILE=alpha"))
        #expect(!environ.contains(token) && !environ.contains(secret), "the hook's environment holds a secret")
        #expect(
            !environ.contains(canary) && !environ.contains("CMDLINE_TEST_CANARY"),
            "the hook inherited the daemon's environment")
    }
}
