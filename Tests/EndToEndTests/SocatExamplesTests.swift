import Foundation
import Testing

/// The `socat` lines of ControlSocket.md, run as written (with `$XDG_RUNTIME_DIR` pointing at a daemon's
/// default socket) with the real `socat`, against a daemon whose token endpoint answers after
/// 1.5 s: longer than socat's default wait of 0.5 s.
@Suite(.serialized) struct SocatExamplesTests {
    let secret = "S3CRET-socat-\(UUID().uuidString.prefix(8))"

    /// The command lines between `<!-- socat-examples:begin -->` and `<!-- socat-examples:end -->`
    /// (comments and fences left out).
    static func readmeExamples() throws -> [String] {
        try CatalogSection.text("socat-examples", in: "ControlSocket.md").split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("```") && !$0.hasPrefix("#") && !$0.isEmpty }
    }

    static func example(_ lines: [String], requesting type: String) throws -> String {
        try #require(lines.first { $0.contains("\"type\":\"\(type)\"") }, "no \(type) example in \(lines)")
    }

    static func shell(_ line: String, _ environment: [String: String]) async throws -> (
        output: ProcessOutput, seconds: Double
    ) {
        let started = ContinuousClock.now
        let output = try await Binary.run(["-c", line], environment: environment, limit: 40, executable: "/bin/sh")
        let elapsed = started.duration(to: .now)
        return (output, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The README repeats a socat line for its front page: it must be one of the lines run here.
    @Test func theReadmesSocatLinesAreTheTestedOnes() throws {
        let readme = try DocumentationFiles.text("README.md")
        let tested = Set(try Self.readmeExamples().map { $0.trimmingCharacters(in: .whitespaces) })
        let lines = readme.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.contains("| socat ") }
        #expect(!lines.isEmpty, "the README shows no socat line")
        for line in lines {
            #expect(tested.contains(line), "README's \(line) is not among ControlSocket.md's examples")
        }
    }

    @Test func theReadmeLinesWorkWithTheRealSocat() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/socat"), "socat is missing (package socat)")
        let lines = try Self.readmeExamples()
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains("socat -t ") }, "\(lines)")
        let scratch = try Scratch()
        let credentials = """
            - accessKey: AK-socat
              secretKey: \(secret)
              lifetime: 600s
              latency: 1500ms
            """
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials))
        defer { sandbox.stop() }
        let config = try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: acme
                baseURL: \(sandbox.baseURL)
                accessKey: AK-socat
                secretKey: \(secret)
            """)
        // No --socket: the daemon listens at $XDG_RUNTIME_DIR/tokentop/tokentop.sock, as the lines expect.
        let environment = scratch.environment
        let daemon = try BackgroundProcess(
            ["daemon", "--config", config, "--log", scratch.path + "/results.jsonl", "--manual-refresh-interval", "0"],
            environment: environment)
        defer { daemon.stop() }
        _ = try await daemon.waitForLine(containing: "ms): token refreshed")

        // status: the hello and the snapshot.
        let status = try await Self.shell(try Self.example(lines, requesting: "status"), environment)
        #expect(status.output.status == 0, "\(status.output.all)")
        let statusTypes = Self.objects(status.output.stdout).compactMap { $0["type"] as? String }
        #expect(statusTypes == ["hello", "snapshot"], "\(status.output.all)")

        // subscribe: stays connected and receives the refresh below.
        let subscribe = try BackgroundProcess(
            ["-c", try Self.example(lines, requesting: "subscribe")], environment: environment, executable: "/bin/sh")
        defer { subscribe.stop() }
        _ = try await subscribe.waitForLine(containing: "\"type\":\"snapshot\"")

        // Without -t the refresh line loses the answer (socat gives up after 0.5 s): what the
        // examples guard against. The request goes on in the daemon...
        let refreshLine = try Self.example(lines, requesting: "refresh")
        let hasty = try await Self.shell(
            refreshLine.replacingOccurrences(of: "socat -t 30 ", with: "socat "), environment)
        #expect(!hasty.output.stdout.contains("\"type\":\"result\""), "\(hasty.output.all)")
        // ...and ends; the subscriber sees it finish (the first attempt ended before it subscribed).
        _ = try await subscribe.waitForLine(containing: "{\"event\":\"attempt\",", limit: 10)
        // The documented line starts a refresh of its own (the daemon runs with no manual refresh
        // interval) and waits the endpoint's whole 1.5 s for its result, three times socat's default.
        let refresh = try await Self.shell(refreshLine, environment)
        #expect(refresh.output.status == 0, "\(refresh.output.all)")
        #expect(refresh.seconds > 1.4, "the answer took \(refresh.seconds)s")
        let result = try #require(
            Self.objects(refresh.output.stdout).first { $0["type"] as? String == "result" }, "\(refresh.output.all)")
        #expect(result["ok"] as? Bool == true)
        #expect((result["record"] as? [String: Any])?["outcome"] as? String == "success")

        // The subscriber saw the manual attempts, after its input ended long ago.
        _ = try await subscribe.waitForLine(containing: "\"trigger\":\"manual\"", limit: 10)
        #expect(subscribe.process.isRunning, "the subscription ended early: \(subscribe.printed)")
        // The daemon's stop ends the subscription, and socat with it.
        #expect(try await daemon.stopAndWait() == 0)
        #expect(try await AsyncWait.exit(of: subscribe.process, limit: 10))
        for line in status.output.all.split(separator: "\n") + subscribe.printed.map({ Substring($0) }) {
            #expect(!line.contains(secret))
        }
    }
}
