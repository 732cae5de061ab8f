import Foundation
import Testing

/// A symlink at the result log's path: the commands that open the log stop with exit 2 and a
/// message naming the path, and the file the link points at is left as it was.
@Suite struct ResultLogSymlinkEndToEndTests {
    @Test(arguments: ["daemon", "check"])
    func aSymlinkAtTheLogPathExitsTwo(_ command: String) async throws {
        let scratch = try Scratch()
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: alpha
                baseURL: http://127.0.0.1:9
                accessKey: AK-log-link
                secretKey: {env: LOG_LINK_SECRET}
            """)
        let victim = try scratch.write("victim.txt", "victim\n", mode: 0o644)
        let log = scratch.path + "/results.jsonl"
        try FileManager.default.createSymbolicLink(atPath: log, withDestinationPath: victim)
        var arguments = [command, "--config", config, "--log", log]
        if command == "daemon" { arguments += ["--socket", scratch.path + "/daemon.sock"] }
        let result = try await Binary.run(
            arguments, environment: scratch.environment.merging(["LOG_LINK_SECRET": "S3CRET-log-link"]) { $1 },
            limit: 30)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(log) && result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        let mode = try FileManager.default.attributesOfItem(atPath: victim)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }
}
