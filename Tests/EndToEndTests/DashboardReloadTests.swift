import Foundation
import Testing

/// Ctrl-R in a standalone dashboard: the profiles file is read again; unchanged profiles keep
/// their tokens, an invalid file leaves the running set alone.
@Suite(.serialized) struct DashboardReloadTests {
    let secret = "S3CRET-reload-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        ["AK-reload-a", "AK-reload-b", "AK-reload-c"].map {
            "- accessKey: \($0)\n  secretKey: \(secret)\n  lifetime: 600s"
        }
        .joined(separator: "\n")
    }

    func profiles(_ baseURL: String, names: [String]) -> String {
        let keys = ["alpha": "AK-reload-a", "beta": "AK-reload-b", "gamma": "AK-reload-c"]
        return "defaults:\n  baseURL: \(baseURL)\nprofiles:\n"
            + names.map { "  - name: \($0)\n    accessKey: \(keys[$0] ?? "")\n    secretKey: \(secret)\n" }.joined()
    }

    func issued(_ sandbox: SandboxProcess, _ key: String) throws -> Int {
        let keys = try sandbox.stats()["accessKeys"] as? [String: Any]
        return (keys?[key] as? [String: Any])?["issued"] as? Int ?? 0
    }

    @Test func ctrlRAddsAProfileWithoutReissuingTheOthersAndRefusesABrokenFile() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "beta"]))
        let tmux = try AttachTmuxTests.dashboard(scratch, config: config, log: scratch.path + "/results.jsonl")
        defer { tmux.kill() }
        try await AttachTmuxTests.wait(tmux, "both profiles valid", limit: 20) {
            $0.components(separatedBy: "● valid").count == 3
        }

        // A broken file: the footer says why, both profiles stay.
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "beta"]) + "  - name: [broken\n")
        try tmux.send("C-r")
        let refused = try await AttachTmuxTests.wait(tmux, "the refusal in the footer") { $0.contains("not reloaded") }
        #expect(refused.contains("alpha") && refused.contains("beta"))

        // gamma added: fetched once; alpha and beta keep the tokens they have.
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "beta", "gamma"]))
        try tmux.send("C-r")
        let reloaded = try await AttachTmuxTests.wait(tmux, "gamma with a token", limit: 20) {
            $0.components(separatedBy: "● valid").count == 4 && $0.contains("gamma")
        }
        // One notice per reload: the service's `reloaded` event names what changed.
        #expect(
            reloaded.contains("profiles reloaded: added gamma; removed -; changed -; updated -; unchanged alpha, beta"),
            "\(reloaded)")
        #expect(try issued(sandbox, "AK-reload-a") == 1)
        #expect(try issued(sandbox, "AK-reload-b") == 1)
        #expect(try issued(sandbox, "AK-reload-c") == 1)

        // beta removed: gone from the table.
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "gamma"]))
        try tmux.send("C-r")
        let removed = try await AttachTmuxTests.wait(tmux, "beta to go") { $0.contains("Profiles (2)") }
        #expect(!removed.contains("│ 2  beta "), "\(removed)")
        #expect(try issued(sandbox, "AK-reload-a") == 1)

        try tmux.send("q")
        #expect(try await AttachTmuxTests.wait(tmux, "the exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}
