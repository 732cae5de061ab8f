import Foundation
import Testing

/// `--manual-refresh-interval SECONDS`: listed in --help, bounded to 0...3600, and refused on a
/// dashboard that attaches with --socket (the other tokentop's interval applies). That it takes
/// effect is shown by the end-to-end tests that refresh by hand at once with it set to 0.
@Suite struct ManualRefreshIntervalOptionTests {
    @Test func theOptionIsDocumentedAndBounded() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", "profiles: []\n")
        for arguments in [["daemon", "--help"], ["--help"]] {
            let help = try await Binary.run(arguments, environment: scratch.environment, limit: 20)
            #expect(help.stdout.contains("--manual-refresh-interval"), "\(arguments): \(help.stdout)")
        }
        for value in ["-1", "3601"] {
            let result = try await Binary.run(
                ["daemon", "--config", config, "--manual-refresh-interval=\(value)"], environment: scratch.environment,
                limit: 20)
            #expect(result.status == 64, "\(value): \(result.stderr)")
            #expect(
                result.stderr.contains("give whole seconds from 0 (no limit) to 3600"), "\(value): \(result.stderr)")
        }
        let attached = try await Binary.run(
            ["--socket", scratch.path + "/d.sock", "--manual-refresh-interval", "1"], environment: scratch.environment,
            limit: 20)
        #expect(attached.status == 64)
        #expect(attached.stderr.contains("the other tokentop's applies"), "\(attached.stderr)")
    }
}
