import Foundation
import Testing

/// The dashboard command's refusals, which need no terminal. Every run gets scratch XDG
/// directories and HOME, so a regression that let the dashboard start touches nothing real.
@Suite(.serialized) struct DashboardCommandTests {
    @Test func withoutProfilesItSaysWhereItLookedAndSuggestsDemoAndInit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokentop-noprofiles-\(UUID().uuidString)"
        ).path
        let scratch = try Scratch()
        let output = try await Binary.run(
            [], environment: scratch.environment.merging(["XDG_CONFIG_HOME": directory, "TOKENTOP_CONFIG": ""]) { $1 })
        #expect(output.status == 2)
        #expect(output.stderr.contains(directory + "/tokentop/profiles.yaml"))
        #expect(output.stderr.contains("$XDG_CONFIG_HOME"))
        #expect(output.stderr.contains("tokentop --demo"))
        #expect(output.stderr.contains("tokentop init"))
    }

    @Test func withoutATerminalItPointsAtCheck() async throws {
        let scratch = try Scratch()
        let output = try await Binary.run(
            ["--demo"], environment: scratch.environment.merging(["TERM": "xterm-256color"]) { $1 })
        #expect(output.status == 2)
        #expect(output.stderr.contains("not a terminal"))
        #expect(output.stderr.contains("tokentop check"))
        let dumb = try await Binary.run(["--demo"], environment: scratch.environment.merging(["TERM": "dumb"]) { $1 })
        #expect(dumb.status == 2)
        #expect(dumb.stderr.contains("TERM=dumb"))
        #expect(dumb.stderr.contains("tokentop check"))
    }

    @Test func resultLogOnStdoutIsRefused() async throws {
        let scratch = try Scratch()
        let output = try await Binary.run(["--demo", "--log", "-"], environment: scratch.environment)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--log -"))
    }
}
