import Foundation
import Testing

/// The dashboard command's refusals, which need no terminal.
@Suite(.serialized) struct DashboardCommandTests {
    @Test func withoutProfilesItSaysWhereItLookedAndSuggestsDemoAndInit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-noprofiles-\(UUID().uuidString)").path
        let output = try Binary.run([], environment: ["XDG_CONFIG_HOME": directory, "TOKENTOP_CONFIG": ""])
        #expect(output.status == 2)
        #expect(output.stderr.contains(directory + "/tokentop/profiles.yaml"))
        #expect(output.stderr.contains("$XDG_CONFIG_HOME"))
        #expect(output.stderr.contains("tokentop --demo"))
        #expect(output.stderr.contains("tokentop init"))
    }

    @Test func withoutATerminalItPointsAtCheck() throws {
        let output = try Binary.run(["--demo"], environment: ["TERM": "xterm-256color"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("not a terminal"))
        #expect(output.stderr.contains("tokentop check"))
        let dumb = try Binary.run(["--demo"], environment: ["TERM": "dumb"])
        #expect(dumb.status == 2)
        #expect(dumb.stderr.contains("TERM=dumb"))
        #expect(dumb.stderr.contains("tokentop check"))
    }

    @Test func resultLogOnStdoutIsRefused() throws {
        let output = try Binary.run(["--demo", "--log", "-"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--log -"))
    }
}
