import Foundation
import Testing

/// `--log-max-size` and `--log-keep` on the real binary: the result log rotates, every file stays
/// 0600, and no line is split across files.
@Suite struct ResultLogRotationEndToEndTests {
    @Test func checkRunsRotateTheResultLog() async throws {
        let scratch = try Scratch()
        let log = scratch.path + "/logs/results.jsonl"
        // Each demo check writes 10 lines of ~400 bytes: 1 KiB rotates every few lines.
        for _ in 0..<3 {
            let run = try await Binary.run(
                [
                    "check", "--demo", "--profile", "acme-pay", "--profile", "zen-cards", "--profile", "bharat-fuel",
                    "--log", log, "--log-max-size", "1KiB", "--log-keep", "2",
                ], environment: scratch.environment)
            #expect(run.status == 0, "\(run.all)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/logs").sorted()
        #expect(files == ["results.jsonl", "results.jsonl.1", "results.jsonl.2"], "\(files)")
        var lines = 0
        for file in files {
            let path = scratch.path + "/logs/" + file
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.utf8.count <= 1024, "\(file) passed the size limit")
            for line in text.split(separator: "\n") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "split line in \(file)"
                )
                lines += 1
            }
        }
        // 9 attempts in all; with 2 rotated files kept, the oldest may be gone, never more than that.
        #expect(lines >= 4 && lines <= 9, "\(lines) lines")

        let bad = try await Binary.run(
            ["check", "--demo", "--log", log, "--log-max-size", "ten"], environment: scratch.environment)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--log-max-size"))
    }
}
