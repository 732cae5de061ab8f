import Foundation
import Testing

/// Two standalone dashboards started at the same moment on one profiles file: exactly one
/// refreshes, the other attaches to it.
@Suite(.serialized) struct SimultaneousDashboardsTests {
    @Test func twoDashboardsStartedTogetherMakeOneRefresher() async throws {
        let suite = AttachTmuxTests()
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", suite.credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", suite.profiles(sandbox.baseURL))
        let go = scratch.path + "/go"

        // Both wait for the same file, then start: neither has a head start.
        let dashboards = try ["one", "two"].map { name in
            try DaemonDiscoveryTests.tokentop(
                scratch, "--config '\(config)' --log '\(scratch.path)/\(name).jsonl'", state: "state", barrier: go)
        }
        defer { for dashboard in dashboards { dashboard.kill() } }
        try await Task.sleep(for: .milliseconds(300))
        try scratch.write("go", "")

        var screens: [String] = []
        for dashboard in dashboards {
            screens.append(
                try await AttachTmuxTests.wait(dashboard, "both profiles valid", limit: 30) {
                    $0.components(separatedBy: "● valid").count == 3 || $0.contains("EXIT=")
                })
        }
        try await Task.sleep(for: .seconds(1.5))
        #expect(try AttachTmuxTests.requests(sandbox) == 2, "two refreshers: one token request per profile each")
        let attached = screens.filter { $0.contains("attached to dashboard pid") }
        #expect(attached.count == 1, "exactly one of the two is a viewer:\n\(screens.joined(separator: "\n----\n"))")
        let logs = ["one", "two"].filter { FileManager.default.fileExists(atPath: scratch.path + "/\($0).jsonl") }
        #expect(logs.count == 1, "only the refresher writes a result log: \(logs)")

        for dashboard in dashboards { try dashboard.send("q") }
        for dashboard in dashboards {
            try await AttachTmuxTests.wait(dashboard, "exit") { $0.contains("EXIT=") }
        }
    }
}
