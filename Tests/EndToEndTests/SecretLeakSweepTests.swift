import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One run of everything (validate, check, check --json, the daemon at `--log-level trace` with
/// metrics, a socket and sinks, every kind of socket message, SIGHUP, a dashboard attached to it
/// and a standalone one in tmux, `y` copying over OSC 52), with distinctive secrets; then every
/// byte it produced is searched for every secret and every token the sandbox ever issued, in
/// every form they could leak in. Only the sink files (and the OSC 52 copy itself) may hold them.
@Suite struct SecretLeakSweepTests {
    /// A distinctive secret: a marker and 32 random hex digits.
    static func secret() -> String { "LKSW" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    let secrets: [String: String] = [
        "lit": secret(), "env": secret(), "file": secret(), "cmd": secret(), "wrong-server": secret(),
        "wrong-client": secret(), "locked": secret(), "solo": secret(),
    ]

    func value(_ name: String) -> String { secrets[name] ?? "" }

    /// Key -> the secret a request with it must carry to get a token (the keys that succeed).
    var succeeding: [String: String] {
        [
            "AK-sweep-lit": value("lit"), "AK-sweep-env": value("env"), "AK-sweep-file": value("file"),
            "AK-sweep-cmd": value("cmd"), "AK-sweep-solo": value("solo"),
        ]
    }

    func credentials() -> String {
        var text = ""
        for (key, secret) in succeeding.sorted(by: { $0.key < $1.key }) {
            text += "- accessKey: \(key)\n  secretKey: \(secret)\n  lifetime: 600s\n"
        }
        text += "- accessKey: AK-sweep-wrong\n  secretKey: \(value("wrong-server"))\n"
        text += "- accessKey: AK-sweep-locked\n  secretKey: \(value("locked"))\n  locked: true\n"
        return text
    }

    func profiles(_ baseURL: String, _ root: String) -> String {
        """
        defaults:
          baseURL: \(baseURL)
        profiles:
          - name: lit
            accessKey: AK-sweep-lit
            secretKey: \(value("lit"))
            sink: {path: \(root)/sinks/lit.json, format: json}
            onRefresh: "cat \\"$TOKENTOP_SINK\\" > /dev/null"
          - name: envref
            accessKey: AK-sweep-env
            secretKey: {env: SWEEP_SECRET_ENV}
            sink: {path: \(root)/sinks/env.token, format: raw}
          - name: fileref
            accessKey: AK-sweep-file
            secretKey: {file: secret.key}
            sink: {path: \(root)/sinks/file.env, format: env}
          - name: cmdref
            accessKey: AK-sweep-cmd
            secretKey: {command: "cat '\(root)/in/cmd.key'"}
            sink: {path: \(root)/sinks/cmd.header, format: header}
          - name: wrong
            accessKey: AK-sweep-wrong
            secretKey: \(value("wrong-client"))
          - name: locked
            accessKey: AK-sweep-locked
            secretKey: {env: SWEEP_SECRET_LOCKED}
        """
    }

    func standalone(_ baseURL: String, _ root: String) -> String {
        """
        profiles:
          - name: solo
            baseURL: \(baseURL)
            accessKey: AK-sweep-solo
            secretKey: \(value("solo"))
            sink: {path: \(root)/sinks2/solo.token}
          - name: wrong2
            baseURL: \(baseURL)
            accessKey: AK-sweep-wrong
            secretKey: {env: SWEEP_SECRET_WRONG}
        """
    }

    @Test func noSecretOrTokenInAnyByteProducedOutsideSinksAndTheClipboardCopy() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        for directory in ["in", "out", "run"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        let out = root + "/out"
        let credentials = try scratch.write("in/credentials.yaml", credentials())
        let sandbox = try await SandboxProcess(credentialsFile: credentials)
        defer { sandbox.stop() }
        try scratch.write("in/secret.key", value("file") + "\n")
        try scratch.write("in/cmd.key", value("cmd") + "\n")
        let config = try scratch.write("in/profiles.yaml", profiles(sandbox.baseURL, root))
        let soloConfig = try scratch.write("in/standalone.yaml", standalone(sandbox.baseURL, root))
        let environment = scratch.environment.merging([
            "SWEEP_SECRET_ENV": value("env"), "SWEEP_SECRET_LOCKED": value("locked"),
            "SWEEP_SECRET_WRONG": value("wrong-client"),
        ]) { $1 }

        // The one-shot commands.
        let validate = try await CapturedProcess.run(
            ["validate", "--config", config], environment: environment, directory: out, name: "validate")
        #expect(validate.status == 0, "\(validate.process.stderr)")
        let check = try await CapturedProcess.run(
            ["check", "--config", config, "--log-level", "trace", "--log", out + "/check.jsonl"],
            environment: environment,
            directory: out, name: "check")
        #expect(check.status == 1, "wrong and locked fail: \(check.process.stderr)")
        #expect(check.process.stdout.contains("4 of 6 profiles got a token"), "\(check.process.stdout)")
        let json = try await CapturedProcess.run(
            ["check", "--config", config, "--json", "--log-level", "trace", "--log", out + "/check.jsonl"],
            environment: environment, directory: out, name: "check-json")
        #expect(json.status == 1)

        // The daemon, as chatty as it gets, with a result log small enough to rotate.
        let socketPath = root + "/run/d.sock"
        let daemon = try CapturedProcess(
            [
                "daemon", "--config", config, "--log", out + "/daemon.jsonl", "--log-max-size", "3KiB", "--log-level",
                "trace",
                "--metrics", "127.0.0.1:0", "--socket", socketPath, "--manual-refresh-interval", "0",
            ],
            environment: environment, directory: out, name: "daemon")
        defer { daemon.stop() }
        let listening = try await daemon.waitForStderr(containing: "metrics listening on http://")
        let port = try #require(
            listening.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
                .flatMap { listening[$0].split(separator: ":").last }.flatMap { UInt16($0) })
        let sinks = ["lit.json", "env.token", "file.env", "cmd.header"].map { root + "/sinks/" + $0 }
        #expect(
            try await AsyncWait.until(limit: 20) { sinks.allSatisfy { FileManager.default.fileExists(atPath: $0) } },
            "\(daemon.stderr)")

        // Every kind of socket message: hello, status, subscribe and its events, refresh,
        // refreshAll, pause/resume, reload (asked for, and by SIGHUP), history, an error.
        // No manual rate limit (the daemon's option), so the refreshes below send requests.
        let asker = try SocketRecorder(path: socketPath)
        let listener = try SocketRecorder(path: socketPath)
        try await asker.wait("hello") { $0.count(type: "hello") == 1 }
        try listener.send(#"{"type":"subscribe"}"#)
        try await listener.wait("the subscription's snapshot") { $0.count(type: "snapshot") == 1 }
        for (index, request) in [
            #"{"type":"status"}"#, #"{"type":"refresh","profile":"lit"}"#, #"{"type":"refresh","profile":"wrong"}"#,
            #"{"type":"refresh","profile":"wrong","force":true}"#,
            #"{"type":"refreshAll","includeRejected":true}"#, #"{"type":"pause","profile":"cmdref"}"#,
            #"{"type":"resume","profile":"cmdref"}"#, #"{"type":"reload"}"#, #"{"type":"history"}"#,
            #"{"type":"nonsense"}"#,
        ].enumerated() {
            try asker.send(request)
            try await asker.wait("an answer to request \(index)") { $0.messages.count == index + 2 }
        }
        daemon.send(SIGHUP)
        try await listener.wait("the SIGHUP reload event") {
            $0.messages.count { $0?["event"] as? String == "reload" } >= 2
        }
        try await listener.wait("attempt events") { $0.messages.count { $0?["event"] as? String == "attempt" } >= 3 }
        for (name, path) in [("metrics", "/metrics"), ("healthz", "/healthz")] {
            let answer = try LoopbackHTTP.fetch(port: port, path: path)
            try (Data((answer.head + "\r\n\r\n").utf8) + answer.body).write(
                to: URL(fileURLWithPath: out + "/\(name).http"))
        }

        // A dashboard attached to the daemon: detail pane, log pane, help, r.
        let before = try AttachTmuxTests.requests(sandbox)
        let viewer = try RecordedTmux(
            arguments: ["--config", config, "--log", out + "/viewer.jsonl", "--log-level", "trace"],
            environment: environment,
            workingDirectory: out, captures: out, name: "viewer")
        defer { viewer.kill() }
        try await viewer.wait("the viewer attached") {
            $0.contains("attached to daemon pid \(daemon.pid)") && $0.contains("valid")
        }
        try await exercise(viewer)
        try await AttachTmuxTests.waitForRequests(sandbox, before + 1)
        try viewer.send("q")
        #expect(try await viewer.wait("the viewer's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))

        // A standalone dashboard on its own file: the same keys, then y copies solo's token.
        let solo = try RecordedTmux(
            arguments: ["--config", soloConfig, "--log", out + "/standalone.jsonl", "--log-level", "trace"],
            environment: environment, workingDirectory: out, captures: out, name: "standalone", clipboard: true)
        defer { solo.kill() }
        try await solo.wait("solo valid and wrong2 rejected", limit: 20) {
            $0.contains("● valid") && $0.contains("⊘ rejected")
        }
        try await exercise(solo)
        try solo.send("1")
        try solo.send("y")
        try await solo.wait("the copy question") { $0.contains("Copy token of solo") }
        try solo.send("y")
        try await solo.wait("the copy") { $0.contains("copied the token of solo") }
        try solo.save("copied")
        let clipboard = try solo.tmux.run(["show-buffer"])
        try solo.send("q")
        #expect(try await solo.wait("the standalone's exit") { $0.contains("EXIT=") }.contains("EXIT=0"))

        // Stop the daemon; the sockets see the end.
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.stderr)")
        let askerEnded = try await asker.waitForEnd()
        let listenerEnded = try await listener.waitForEnd()
        #expect(askerEnded && listenerEnded, "the daemon left a socket connection open")
        try asker.bytes.write(to: URL(fileURLWithPath: out + "/socket-asker.jsonl"))
        try listener.bytes.write(to: URL(fileURLWithPath: out + "/socket-listener.jsonl"))
        try Data(sandbox.background.printed.joined(separator: "\n").utf8).write(
            to: URL(fileURLWithPath: out + "/sandbox.log"))

        // Every token the sandbox issued: a second sandbox with the same seed and credentials,
        // asked as many times per key, draws the same tokens (each key has its own stream, and
        // every request draws one). The sink files prove the replay: their tokens are among them.
        let issued = try await replayTokens(stats: try sandbox.stats(), credentials: credentials)
        let sinkTokens =
            try sinks.map(Self.token(inSink:)) + [
                try String(contentsOfFile: root + "/sinks2/solo.token", encoding: .utf8).trimmingCharacters(
                    in: .newlines)
            ]
        #expect(
            sinkTokens.count == 5 && sinkTokens.allSatisfy { issued.contains($0) },
            "the replay drew other tokens than the sandbox")
        #expect(issued.contains(clipboard), "the clipboard holds no token the sandbox issued")

        var search = LeakSearch()
        for (name, secret) in secrets.sorted(by: { $0.key < $1.key }) { search.add(secret, label: "secret \(name)") }
        for (index, token) in issued.sorted().enumerated() { search.add(token, label: "token #\(index)") }

        // The search finds what it looks for: a planted secret and token, in several forms, in a
        // real capture; and the OSC 52 sequence holds the copied token in base64.
        let sample = try Data(contentsOf: URL(fileURLWithPath: daemon.stderrPath))
        for planted in [
            Array(value("lit").utf8), Array(try JSONEncoder().encode(value("env"))),
            Array(Data("x\(clipboard)y".utf8).base64EncodedString().utf8),
            Array((value("cmd").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "").utf8),
            Array(clipboard.prefix(20).utf8),
        ] {
            #expect(
                !search.hits(in: sample + Data(planted) + Data("\n".utf8), file: "planted").isEmpty,
                "a planted value was missed")
        }

        // Everything under the scratch directory but the inputs and the sinks.
        var files = 0
        var bytes = 0
        var hits: [LeakSearch.Hit] = []
        var osc52: [Data] = []
        let skipped = ["in", "sinks", "sinks2"].map { root + "/" + $0 + "/" }
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String {
            let path = root + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, !skipped.contains(where: path.hasPrefix)
            else { continue }
            var data = try Data(contentsOf: URL(fileURLWithPath: path))
            files += 1
            bytes += data.count
            if path.hasSuffix(".raw") {
                let cut = LeakSearch.withoutOSC52(data)
                data = cut.rest
                osc52 += cut.sequences
            }
            hits += search.hits(in: data, file: relative)
        }
        // Only the copy sent OSC 52, and it did carry the token.
        #expect(
            osc52.count >= 1 && osc52.allSatisfy { !search.hits(in: $0, file: "osc52").isEmpty },
            "\(osc52.count) OSC 52 sequences")
        let cores = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("core") }
        #expect(cores.isEmpty, "crash dumps: \(cores)")
        let crashes = [check.process, json.process, daemon].filter {
            $0.stderr.contains("Fatal error") || $0.stderr.contains("Stack dump")
        }
        #expect(crashes.isEmpty, "a crash report on stderr")

        print(
            "secret sweep: \(files) files, \(bytes) bytes searched for \(search.values) values (\(secrets.count) secrets, \(issued.count) tokens) "
                + "in \(search.needles.count) forms; \(osc52.count) OSC 52 sequences excluded; \(hits.count) hits")
        #expect(files >= 25 && bytes > 50_000, "too little was captured: \(files) files, \(bytes) bytes")
        #expect(hits.isEmpty, "\(hits.count) hits: \(hits.prefix(20).map(\.description))")
    }

    /// Detail pane, log pane, help (opened and closed), `r`: a screen saved after each.
    func exercise(_ dashboard: RecordedTmux) async throws {
        try dashboard.save("start")
        try await dashboard.wait("the detail pane") { $0.contains("Fingerprint") }
        try dashboard.send("Enter")
        try await Task.sleep(for: .milliseconds(300))
        try dashboard.save("detail-toggled")
        try dashboard.send("Enter")
        try await dashboard.wait("the detail pane back") { $0.contains("Fingerprint") }
        try dashboard.send("l")
        try await Task.sleep(for: .milliseconds(300))
        try dashboard.save("log")
        try dashboard.send("?")
        try await dashboard.wait("the help") { $0.contains("Copy the selected token") }
        try dashboard.save("help")
        try dashboard.send("Escape")
        try await dashboard.wait("the help closed") { !$0.contains("Copy the selected token") }
        try dashboard.send("1", "r")
        try await Task.sleep(for: .milliseconds(500))
        try dashboard.save("refreshed")
    }

    /// The token a sink file holds, whatever its format.
    static func token(inSink path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        if path.hasSuffix(".json") {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return object?["token"] as? String ?? ""
        }
        if path.hasSuffix(".env") {
            let line = text.split(separator: "\n").first { $0.hasPrefix("ENKASH_TOKEN=") } ?? ""
            return String(line.dropFirst("ENKASH_TOKEN=".count)).trimmingCharacters(
                in: CharacterSet(charactersIn: "'\""))
        }
        if path.hasSuffix(".header") {
            return String(text.trimmingCharacters(in: .newlines).dropFirst("Authorization: Bearer ".count))
        }
        return text.trimmingCharacters(in: .newlines)
    }

    /// Every token the sandbox that produced `stats` issued to the succeeding keys, drawn again
    /// from a fresh sandbox with the same seed and credentials.
    func replayTokens(stats: [String: Any], credentials: String) async throws -> Set<String> {
        let keys = try #require(stats["accessKeys"] as? [String: Any])
        let twin = try await SandboxProcess(credentialsFile: credentials)
        defer { twin.stop() }
        guard let port = twin.baseURL.split(separator: ":").last.flatMap({ UInt16($0) }) else {
            throw TestFailure("bad URL")
        }
        var tokens = Set<String>()
        for (key, secret) in succeeding {
            let requests = (keys[key] as? [String: Any])?["requests"] as? Int ?? 0
            let body = String(
                decoding: try JSONEncoder().encode(["accessKey": key, "secretKey": secret]), as: UTF8.self)
            for _ in 0..<requests {
                let answer = try LoopbackHTTP.post(port: port, path: "/api/v0/merchant/token", json: body)
                let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
                if let token = object?["token"] as? String { tokens.insert(token) }
            }
        }
        return tokens
    }
}
