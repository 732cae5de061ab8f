import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every file and directory tokentop creates stays private even when the umask would make it
/// world-writable: the daemon and a standalone dashboard run under `umask 000`, and every path
/// they made (state and instance directories, runtime/socket directory, result logs and their
/// rotations, sinks.json, owner.json, the lock, sinks, sockets) is checked.
@Suite(.serialized) struct PermissionsSweepTests {
    let secret = "S3CRET-perm-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        """
        - accessKey: AK-perm-a
          secretKey: \(secret)
          lifetime: 600s
        - accessKey: AK-perm-b
          secretKey: \(secret)
          lifetime: 600s
        """
    }

    /// What is wrong with the mode of every path under `root` not in `existing` and not under
    /// `skipped`; `allowed` maps paths to the exact mode they may have instead.
    static func violations(
        under root: String, existing: Set<String>, skipped: [String], allowed: [String: mode_t]
    ) -> (checked: Int, problems: [String]) {
        var checked = 0
        var problems: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String {
            let path = root + "/" + relative
            guard !existing.contains(path), !skipped.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else {
                continue
            }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }  // gone meanwhile (a temporary file)
            checked += 1
            let mode = info.st_mode & 0o7777
            let kind = info.st_mode & S_IFMT
            let ok: Bool
            if let exact = allowed[path] {
                ok = mode == exact
            } else if kind == S_IFDIR {
                ok = mode == 0o700
            } else if kind == S_IFSOCK {
                ok = mode == 0o600
            } else {
                ok = mode & 0o077 == 0 && kind == S_IFREG
            }
            if !ok {
                problems.append(
                    "\(relative): \(kind == S_IFDIR ? "directory" : kind == S_IFSOCK ? "socket" : "file") mode \(String(mode, radix: 8))"
                )
            }
        }
        return (checked, problems)
    }

    /// Every path under `root` right now.
    static func paths(under root: String) -> Set<String> {
        var all: Set<String> = [root]
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String { all.insert(root + "/" + relative) }
        return all
    }

    @Test func nothingTokentopCreatesIsReadableByOthersUnderUmask000() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        for directory in ["in", "logs", "run"] {
            try FileManager.default.createDirectory(
                atPath: root + "/" + directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("in/credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write(
            "in/profiles.yaml",
            """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-perm-a
                secretKey: \(secret)
                sink: {path: \(root)/out/deep/alpha.json, format: json}
              - name: beta
                accessKey: AK-perm-b
                secretKey: \(secret)
                sink: {path: \(root)/out/deep/beta.token, mode: "0640"}
              - name: refused
                accessKey: AK-perm-a
                secretKey: not-the-secret
            """)
        let soloConfig = try scratch.write(
            "in/solo.yaml",
            """
            profiles:
              - name: solo
                baseURL: \(sandbox.baseURL)
                accessKey: AK-perm-a
                secretKey: \(secret)
                sink: \(root)/out2/solo.token
            """)
        let existing = Self.paths(under: root)
        let environment = scratch.environment

        // The daemon: default result log (state dir), default socket (runtime dir), a log that
        // rotates after every line or two.
        let daemon = try CapturedProcess(
            ["daemon", "--config", config, "--log-max-size", "700", "--metrics", "127.0.0.1:0"],
            environment: environment,
            directory: root + "/logs", name: "daemon", umask: "000")
        defer { daemon.stop() }
        _ = try await daemon.waitForStderr(containing: "metrics listening on http://")
        let socketPath = root + "/run/tokentop/tokentop.sock"
        let state = root + "/state/tokentop"
        #expect(
            try await AsyncWait.until(limit: 20) {
                FileManager.default.fileExists(atPath: root + "/out/deep/beta.token")
                    && FileManager.default.fileExists(atPath: socketPath)
            }, "\(daemon.stderr)")
        // More attempts, so the log rotates more than once.
        let client = try SocketRecorder(path: socketPath)
        defer { client.close() }
        for round in 1...3 {
            try client.send(#"{"type":"refreshAll","includeRejected":true}"#)
            try await client.wait("refreshAll \(round)") { $0.count(type: "result") == round }
        }
        #expect(
            FileManager.default.fileExists(atPath: state + "/results.jsonl.2"), "the result log did not rotate twice")

        // A standalone dashboard (its own file, sink and a result log in a new directory).
        let dashboard = try RecordedTmux(
            arguments: ["--config", soloConfig, "--log", root + "/state2/logs/results.jsonl"], environment: environment,
            workingDirectory: root + "/logs", captures: root + "/logs", name: "dashboard", umask: "000")
        defer { dashboard.kill() }
        try await dashboard.wait("solo valid", limit: 20) { $0.contains("● valid") }
        #expect(
            try await AsyncWait.until(limit: 10) { FileManager.default.fileExists(atPath: root + "/out2/solo.token") })

        let allowed: [String: mode_t] = [root + "/out/deep/beta.token": 0o640]
        let running = Self.violations(under: root, existing: existing, skipped: [root + "/logs"], allowed: allowed)
        let instances = try FileManager.default.contentsOfDirectory(atPath: state + "/instances")
        #expect(instances.count == 2, "one instance directory per profiles file: \(instances)")
        for instance in instances {
            let files = try FileManager.default.contentsOfDirectory(atPath: state + "/instances/" + instance)
            #expect(files.contains("lock") && files.contains("owner.json"), "\(instance): \(files)")
        }

        try dashboard.send("q")
        #expect(try await dashboard.wait("the dashboard's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.stderr)")
        let stopped = Self.violations(under: root, existing: existing, skipped: [root + "/logs"], allowed: allowed)

        print(
            "permissions sweep: \(running.checked) paths checked while running, \(stopped.checked) after exit; "
                + "\(running.problems.count + stopped.problems.count) too open")
        #expect(running.checked >= 15, "too few paths were created to check: \(running.checked)")
        #expect(running.problems.isEmpty, "while running: \(running.problems)")
        #expect(stopped.problems.isEmpty, "after exit: \(stopped.problems)")
    }

    @Test func aSocketGroupMakesTheSocket0660AndItsNewDirectory0750() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        let config = try scratch.write(
            "profiles.yaml",
            "profiles:\n  - name: alpha\n    baseURL: http://127.0.0.1:9\n    accessKey: AK-perm-a\n    secretKey: {env: PERM_SECRET}\n"
        )
        let socketPath = root + "/run/group/tokentop.sock"
        let daemon = try CapturedProcess(
            [
                "daemon", "--config", config, "--socket", socketPath, "--socket-group", String(getgid()), "--log",
                root + "/results.jsonl",
            ],
            environment: scratch.environment.merging(["PERM_SECRET": secret]) { $1 }, directory: root, name: "daemon",
            umask: "000")
        defer { daemon.stop() }
        _ = try await daemon.waitForStderr(containing: "daemon started")
        var info = stat()
        #expect(lstat(socketPath, &info) == 0 && info.st_mode & 0o7777 == 0o660 && info.st_gid == getgid())
        #expect(lstat(root + "/run/group", &info) == 0 && info.st_mode & 0o7777 == 0o750)
        #expect(lstat(root + "/results.jsonl", &info) == 0 && info.st_mode & 0o7777 == 0o600)
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.stderr)")
    }
}
