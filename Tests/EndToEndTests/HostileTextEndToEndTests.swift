import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A server that answers with terminal escapes in its `resultMessage` and its `Location`: what
/// `check` prints, the daemon's stderr lines and `/healthz` carry them escaped (`\x1B`), never as
/// raw control characters, and keep the rest of the text (Devanagari, an emoji) as it is.
@Suite struct HostileTextEndToEndTests {
    static let hostileNames = [
        HostileServer.Behaviour.escapeMessage.rawValue, HostileServer.Behaviour.escapeLocation.rawValue,
    ]

    static func profiles(port: UInt16) -> String {
        var text = "defaults:\n  refresh: {timeout: 3s}\nprofiles:\n"
        for name in hostileNames {
            text += "  - name: \(name)\n    baseURL: http://127.0.0.1:\(port)\n"
            text += "    accessKey: \(name)\n    secretKey: hostile-secret\n"
        }
        return text
    }

    /// The control characters in `text` other than the line feeds that end its lines: C0, DEL, C1.
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func checkPrintsTheServersTextEscaped() async throws {
        let scratch = try Scratch()
        let hostile = try HostileServer()
        defer { hostile.stop() }
        let config = try scratch.write("profiles.yaml", Self.profiles(port: hostile.port))
        let run = try await Binary.run(["check", "--config", config], environment: scratch.environment, limit: 30)

        #expect(run.status == 1, "\(run.all)")
        #expect(Self.rawControls(run.all).isEmpty, "raw control characters: \(Self.rawControls(run.all)) in \(run.all)")
        #expect(run.stdout.contains(#"Invalid\x1B]0;pwned\x07\x1B[2J\x9B31m"#), "\(run.stdout)")
        // The failed list names what happened first, then status and code, then the server's words.
        #expect(
            run.stdout.contains(
                #"escape-message: credentials refused (HTTP 401, resultCode 1001): Invalid\x1B]0;pwned\x07\x1B[2J\x9B31m key \x09\x0D\x0A नमस्ते 🙂"#
            ),
            "\(run.stdout)")
        #expect(
            run.stdout.contains(#"escape-location: redirect not followed (HTTP 302); check baseURL (it points to"#),
            "\(run.stdout)")
        #expect(run.stdout.contains(#"(it points to /next\x09\x9B31m owned)"#), "\(run.stdout)")
        #expect(!run.all.contains("hostile-secret"))
    }

    @Test func theDaemonsLinesAndHealthzCarryTheServersTextEscaped() async throws {
        let scratch = try Scratch()
        let hostile = try HostileServer()
        defer { hostile.stop() }
        let config = try scratch.write("profiles.yaml", Self.profiles(port: hostile.port))
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }

        let refused = try await daemon.background.waitForLine(containing: "escape-message (initial, ")
        let redirected = try await daemon.background.waitForLine(containing: "escape-location (initial, ")
        #expect(
            refused.contains(
                #"credentials refused (HTTP 401, resultCode 1001): Invalid\x1B]0;pwned\x07\x1B[2J\x9B31m"#),
            "\(refused)")
        #expect(refused.hasSuffix("नमस्ते 🙂"), "\(refused)")
        #expect(redirected.contains(#"(it points to /next\x09\x9B31m owned)"#), "\(redirected)")
        var health = (status: 0, body: "")
        #expect(
            try await daemon.wait(upTo: 20) {
                health = try daemon.health()
                return health.body.contains("escape-message: rejected") && health.body.contains("escape-location: ")
            }, "\(health.body)")
        #expect(health.status == 503)
        #expect(Self.rawControls(health.body).isEmpty, "raw control characters in /healthz: \(health.body)")
        #expect(health.body.contains(#"\x1B]0;pwned"#), "\(health.body)")

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let printed = daemon.printed.joined(separator: "\n")
        #expect(Self.rawControls(printed).isEmpty, "raw control characters on stderr: \(Self.rawControls(printed))")
        #expect(!printed.contains("hostile-secret"))
    }
}
