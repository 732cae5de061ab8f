import Foundation
import Testing

/// Messages written on several lines by design keep their line breaks on stderr (each line's
/// control characters are escaped on its own), while a control character inside a line is still
/// escaped.
@Suite struct MultiLineMessageTests {
    @Test func theFirstRunHintKeepsItsLines() async throws {
        let scratch = try Scratch()
        let run = try await Binary.run([], environment: scratch.environment)
        #expect(run.status == 2, "\(run.all)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(run.stderr)")
        #expect(lines.first?.contains("no profiles file at") == true)
        #expect(lines.contains { $0.contains("tokentop --demo") && !$0.contains("no profiles file") })
        #expect(lines.contains { $0.contains("tokentop init") && !$0.contains("no profiles file") })
        #expect(!run.stderr.contains("\\x0A"))
    }

    @Test func everyDiagnosticOfABadCredentialsFileIsALineOfItsOwn() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            "credentials.yaml",
            """
            - accessKey: ""
            - secretKey: only
            """)
        let run = try await Binary.run(["sandbox", "--credentials", file, "--list"], environment: scratch.environment)
        #expect(run.status == 2, "\(run.all)")
        let lines = run.stderr.split(separator: "\n").filter { $0.contains("credentials.yaml") }
        #expect(lines.count >= 2, "\(run.stderr)")
        #expect(!run.stderr.contains("\\x0A"))
    }

    @Test func aControlCharacterInsideAFileNameIsStillEscaped() async throws {
        let scratch = try Scratch()
        let run = try await Binary.run(
            ["validate", "--config", scratch.path + "/evil\u{1B}]0;pwned\u{07}.yaml"], environment: scratch.environment)
        #expect(run.status == 2, "\(run.all)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(run.stderr.contains("\\x1B]0;pwned\\x07"))
    }
}
