import Foundation
import Runtime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The exit statuses three places state: the code's `ExitStatusTable`, the table in RunningForReal.md and
/// each command's `--help`. They must agree, and each documented status is produced by the
/// real binary in the situation the table describes.
@Suite(.serialized) struct ExitStatusDocumentationTests {
    struct Key: Hashable, CustomStringConvertible {
        let command: String
        let status: String
        var description: String { "\(command) \(status)" }
    }

    /// Statuses whose situation another end-to-end test already produces: the test's name.
    static let producedElsewhere: [Key: String] = [
        Key(command: "dashboard", status: "0"): "DashboardTmuxTests",
        Key(command: "daemon", status: "128+n"): "aSecondSignalWhileStoppingExitsAtOnceWith128PlusN",
    ]

    /// Documented statuses no test can provoke, and why: the code returns them, but the situation
    /// cannot be set up from outside without breaking something else first.
    static let notProduced: [Key: String] = [
        Key(command: "dashboard", status: "1"):
            "the --demo sandbox binds 127.0.0.1 port 0: that succeeds even in a network namespace with lo down, and a descriptor limit low enough to stop it makes SwiftNIO's event loop fail first"
    ]

    /// The rows of RunningForReal.md between `<!-- exit-status:begin -->` and `<!-- exit-status:end -->`.
    static func readmeRows() throws -> [ExitStatusTable.Entry] {
        return try CatalogSection.text("exit-status", in: "RunningForReal.md").split(separator: "\n").dropFirst(2).map {
            row in
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return ExitStatusTable.Entry(
                command: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), status: cells[1],
                meaning: cells[2])
        }
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theReadmeTableIsTheCodes() throws {
        #expect(try Self.readmeRows() == ExitStatusTable.entries)
    }

    @Test(arguments: ["dashboard", "check", "validate", "init", "sandbox", "daemon"])
    func eachHelpStatesItsStatuses(command: String) async throws {
        let help = try await Binary.run([command, "--help"])
        #expect(help.status == 0)
        let sentence = ExitStatusTable.help(for: command)
        #expect(sentence.contains("64 on a usage error"))
        #expect(Self.words(help.stdout).contains(Self.words(sentence)), "\(help.stdout)")
    }

    @Test func theTextsNameTheStatusesOfTheNamedConstants() {
        #expect(
            RuntimeExit.failure.status == 1 && RuntimeExit.configuration.status == 2 && RuntimeExit.usage.status == 64)
        let statuses = Set(ExitStatusTable.entries.map(\.status))
        #expect(statuses == ["0", "1", "2", "64", "128+n"])
    }

    /// Every documented status, produced.
    @Test func everyDocumentedStatusHappens() async throws {
        let scratch = try Scratch()
        let env = scratch.environment
        let secret = "S3CRET-exit-\(UUID().uuidString.prefix(8))"
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", "- accessKey: AK-exit\n  secretKey: \(secret)\n"))
        defer { sandbox.stop() }
        let port = try #require(sandbox.baseURL.split(separator: ":").last.map(String.init))
        let good = try scratch.write(
            "good.yaml",
            "profiles:\n  - name: ok\n    baseURL: \(sandbox.baseURL)\n    accessKey: AK-exit\n    secretKey: \(secret)\n"
        )
        let bad = try scratch.write("bad.yaml", "profiles:\n  - name: ok\n    accessKey: 7\n")
        let missing = scratch.path + "/missing.yaml"
        let badCredentials = try scratch.write("bad-credentials.yaml", "- accessKey: 5\n")
        let log = ["--log", scratch.path + "/results.jsonl"]
        func run(_ arguments: [String]) async throws -> Int32 {
            let result = try await Binary.run(arguments, environment: env)
            #expect(!result.all.contains(secret))
            return result.status
        }
        /// A daemon stopped by SIGTERM once it has started.
        func daemonStopped(_ arguments: [String]) async throws -> Int32 {
            let daemon = try BackgroundProcess(["daemon"] + arguments, environment: env)
            defer { daemon.stop() }
            _ = try await daemon.waitForLine(containing: "daemon started")
            kill(daemon.process.processIdentifier, SIGTERM)
            guard try await AsyncWait.exit(of: daemon.process, limit: 20) else {
                throw TestFailure("the daemon did not stop")
            }
            return daemon.process.terminationStatus
        }

        let situations: [Key: () async throws -> Int32] = [
            Key(command: "dashboard", status: "2"): { try await run(["--config", missing]) },
            Key(command: "dashboard", status: "64"): { try await run(["--bogus"]) },
            Key(command: "check", status: "0"): { try await run(["check", "--config", good] + log) },
            Key(command: "check", status: "1"): { try await run(["check", "--demo"] + log) },
            Key(command: "check", status: "2"): { try await run(["check", "--config", bad] + log) },
            Key(command: "check", status: "64"): { try await run(["check", "--demo", "--concurrency", "0"]) },
            Key(command: "validate", status: "0"): { try await run(["validate", "--config", good]) },
            Key(command: "validate", status: "2"): { try await run(["validate", "--config", bad]) },
            Key(command: "validate", status: "64"): { try await run(["validate", "--bogus"]) },
            Key(command: "init", status: "0"): { try await run(["init", "--config", scratch.path + "/new.yaml"]) },
            Key(command: "init", status: "2"): { try await run(["init", "--config", good]) },
            Key(command: "init", status: "64"): { try await run(["init", "--config"]) },
            Key(command: "sandbox", status: "0"): { try await run(["sandbox", "--list"]) },
            Key(command: "sandbox", status: "1"): { try await run(["sandbox", "--port", port]) },
            Key(command: "sandbox", status: "2"): { try await run(["sandbox", "--credentials", badCredentials]) },
            Key(command: "sandbox", status: "64"): { try await run(["sandbox", "--port", "70000"]) },
            Key(command: "daemon", status: "0"): {
                try await daemonStopped(["--config", good, "--socket", scratch.path + "/d0.sock"] + log)
            },
            Key(command: "daemon", status: "1"): {
                try await run([
                    "daemon", "--demo", "--socket", scratch.path + "/d1.sock", "--metrics", "127.0.0.1:\(port)",
                ])
            },
            Key(command: "daemon", status: "2"): {
                try await run(["daemon", "--config", bad, "--socket", scratch.path + "/d2.sock"])
            },
            Key(command: "daemon", status: "64"): { try await run(["daemon", "--bogus"]) },
        ]
        let documented = Set(ExitStatusTable.entries.map { Key(command: $0.command, status: $0.status) })
        #expect(Set(situations.keys).union(Self.producedElsewhere.keys).union(Self.notProduced.keys) == documented)
        for key in situations.keys.sorted(by: { $0.description < $1.description }) {
            guard let situation = situations[key] else { continue }
            let status = try await situation()
            #expect("\(status)" == key.status, "tokentop \(key.command) exited \(status), documented \(key.status)")
        }
        // The statuses produced elsewhere: those tests exist and check that status.
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let sources = try FileManager.default.contentsOfDirectory(atPath: testsDirectory.path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: testsDirectory.appendingPathComponent($0), encoding: .utf8) }
            .joined()
        #expect(sources.contains("EXIT=0") && sources.contains("struct DashboardTmuxTests"))
        #expect(sources.contains("func aSecondSignalWhileStoppingExitsAtOnceWith128PlusN"))
    }
}
