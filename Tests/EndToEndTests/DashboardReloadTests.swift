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
        let refused = try await AttachTmuxTests.wait(tmux, "the refusal in the footer, alpha and beta still there") {
            $0.contains("not reloaded") && $0.contains("alpha") && $0.contains("beta")
        }
        #expect(refused.contains("alpha") && refused.contains("beta"))

        // gamma added: fetched once; alpha and beta keep the tokens they have.
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "beta", "gamma"]))
        try tmux.send("C-r")
        // One notice per reload: the service's `reloaded` event names what changed. The notice is
        // in the footer, drawn after the table: the wait is for both.
        let notice = "profiles reloaded: added gamma; removed -; changed -; updated -; unchanged alpha, beta"
        let reloaded = try await AttachTmuxTests.wait(tmux, "gamma with a token and the reload notice", limit: 20) {
            $0.components(separatedBy: "● valid").count == 4 && $0.contains("gamma") && $0.contains(notice)
        }
        #expect(reloaded.contains(notice), "\(reloaded)")
        #expect(try issued(sandbox, "AK-reload-a") == 1)
        #expect(try issued(sandbox, "AK-reload-b") == 1)
        #expect(try issued(sandbox, "AK-reload-c") == 1)

        // beta removed: gone from the table.
        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, names: ["alpha", "gamma"]))
        try tmux.send("C-r")
        // The pane's title is drawn before its rows: a capture between the two shows the new
        // title over the old rows, so the wait is for beta's row to be gone too.
        let removed = try await AttachTmuxTests.wait(tmux, "beta to go") {
            $0.contains("Profiles (2)") && !$0.contains("│ 2  beta ")
        }
        #expect(!removed.contains("│ 2  beta "), "\(removed)")
        #expect(try issued(sandbox, "AK-reload-a") == 1)

        try tmux.send("q")
        #expect(try await AttachTmuxTests.wait(tmux, "the exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}
