import Foundation
import Testing

/// A corpus of broken profiles files run through the daemon (the command that would create the
/// most: instance directory, result log, socket, sinks). Each must name the file, the line and
/// column, and the field, exit 2, and create none of those.
@Suite struct BadConfigurationCorpusTests {
    /// One broken file: its text, where the error points (`:line:column`, or nil for the whole
    /// file), and what the message must name.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: [UInt8]
        var location: String?
        var names: [String]
        var description: String { name }

        init(_ name: String, _ text: String, _ location: String?, _ names: String...) {
            self.name = name
            self.text = Array(text.utf8)
            self.location = location
            self.names = names
        }

        init(_ name: String, bytes: [UInt8], _ names: String...) {
            self.name = name
            text = bytes
            location = nil
            self.names = names
        }
    }

    /// A profile's first lines, up to its secret.
    static let h = "profiles:\n  - name: a\n    baseURL: http://127.0.0.1:9\n    accessKey: AK-a\n"

    static let cases: [Case] = [
        Case("yaml-syntax", "profiles:\n  - name: [a\n    accessKey: AK\n", ":3:14", "YAML syntax error"),
        Case(
            "duplicate-names",
            h
                + "    secretKey: s\n  - name: a\n    baseURL: http://127.0.0.1:9\n    accessKey: AK-b\n    secretKey: s\n",
            ":6:11", "profiles[1].name", "duplicate profile name 'a'"),
        Case("missing-secret", h, ":2:5", "profiles[0].secretKey", "missing required key"),
        Case(
            "missing-access", "profiles:\n  - name: a\n    baseURL: http://127.0.0.1:9\n    secretKey: s\n", ":2:5",
            "profiles[0].accessKey"),
        Case(
            "missing-name", "profiles:\n  - baseURL: http://127.0.0.1:9\n    accessKey: AK\n    secretKey: s\n", ":2:5",
            "profiles[0].name"),
        Case(
            "unknown-environment",
            "profiles:\n  - name: a\n    environment: cards-uta\n    accessKey: AK\n    secretKey: s\n",
            ":3:18", "profiles[0].environment", "did you mean 'cards-uat'"),
        Case(
            "bad-duration", h + "    secretKey: s\n    refresh: {before: 5 minutes}\n", ":6:23",
            "profiles[0].refresh.before"),
        Case(
            "negative-timeout", h + "    secretKey: s\n    refresh: {timeout: -1s}\n", ":6:24",
            "profiles[0].refresh.timeout"),
        Case(
            "bad-url", "profiles:\n  - name: a\n    baseURL: not a url\n    accessKey: AK\n    secretKey: s\n", ":3:14",
            "profiles[0].baseURL"),
        Case(
            "plain-http",
            "profiles:\n  - name: a\n    baseURL: http://pay.enkash.in\n    accessKey: AK\n    secretKey: s\n",
            ":3:14", "profiles[0].baseURL", "unencrypted"),
        Case("unknown-key", h + "    secretkey: s\n", ":5:5", "profiles[0].secretkey", "did you mean 'secretKey'"),
        Case("unknown-top-key", "profile:\n  - name: a\n", ":1:1", "unknown key 'profile'", "did you mean 'profiles'"),
        Case(
            "secret-file-missing", h + "    secretKey: {file: /nonexistent/secret.key}\n", ":5:16",
            "profiles[0].secretKey", "does not exist"),
        // (Running as root, a mode-000 file is still readable; a directory is not.)
        Case(
            "secret-file-unreadable", h + "    secretKey: {file: /tmp}\n", ":5:16", "profiles[0].secretKey",
            "cannot read"),
        Case(
            "secret-command-fails", h + "    secretKey: {command: \"exit 3\"}\n", ":5:16", "profiles[0].secretKey",
            "exit status 3"),
        Case(
            "secret-command-hangs", h + "    secretKey: {command: \"sleep 30\", timeout: 1s}\n", ":5:16",
            "profiles[0].secretKey",
            "did not finish within 1s"),
        Case(
            "secret-env-unset", h + "    secretKey: {env: TOKENTOP_CORPUS_UNSET}\n", ":5:16",
            "TOKENTOP_CORPUS_UNSET is not set"),
        Case("empty", "", nil, "the file is empty"),
        Case(
            "binary-garbage",
            bytes: Array(repeating: [0, 255, 254, 1, 2, 3, 0x1B, 0x5B, 0, 0x80, 0x81], count: 20).flatMap { $0 },
            "not UTF-8"),
        Case("profiles-not-a-list", "profiles: foo\n", ":1:11", "`profiles` must be a list"),
        Case("concurrency-zero", "concurrency: 0\n" + h + "    secretKey: s\n", ":1:14", "concurrency", "out of range"),
        Case(
            "sink-format", h + "    secretKey: s\n    sink: {path: t.tok, format: jsn}\n", ":6:33",
            "profiles[0].sink.format", "did you mean 'json'"),
        Case(
            "sink-mode", h + "    secretKey: s\n    sink: {path: t.tok, mode: \"0777\"}\n", ":6:31",
            "profiles[0].sink.mode"),
        Case(
            "duplicate-sinks",
            h
                + "    secretKey: s\n    sink: t.tok\n  - name: b\n    baseURL: http://127.0.0.1:9\n    accessKey: AK-b\n    secretKey: s\n    sink: ./t.tok\n",
            ":11:11", "profiles[1].sink.path", "also the sink of profile 'a'"),
        Case(
            "hook-without-sink", h + "    secretKey: s\n    onRefresh: \"touch hooked\"\n", ":6:16",
            "profiles[0].onRefresh"),
        Case(
            "forbidden-header", h + "    secretKey: s\n    headers: {Host: evil}\n", ":6:15", "profiles[0].headers.Host"
        ),
        Case("enabled-not-bool", h + "    secretKey: s\n    enabled: maybe\n", ":6:14", "profiles[0].enabled"),
        Case(
            "bad-name",
            "profiles:\n  - name: my profile\n    baseURL: http://127.0.0.1:9\n    accessKey: AK\n    secretKey: s\n",
            ":2:11", "profiles[0].name"),
        Case("sink-in-defaults", "defaults:\n  sink: t.tok\n" + h + "    secretKey: s\n", ":2:3", "defaults.sink"),
        Case("tags-not-list", h + "    secretKey: s\n    tags: 7\n", ":6:11", "profiles[0].tags"),
        // Found in review: a unitless number too large for the clock used to trap.
        Case(
            "huge-unitless-duration", h + "    secretKey: s\n    refresh: {timeout: 1e10}\n", ":6:24",
            "profiles[0].refresh.timeout"),
        Case(
            "overflowing-duration", h + "    secretKey: s\n    refresh: {before: 1e400}\n", ":6:23",
            "profiles[0].refresh.before"),
        Case(
            "proxy-socks", h + "    secretKey: s\n    proxy: socks5://proxy.corp:1080\n", ":6:12", "profiles[0].proxy",
            "SOCKS"),
        Case(
            "proxy-password-in-url", h + "    secretKey: s\n    proxy: http://svc:pw-in-url@proxy.corp:3128\n", ":6:12",
            "profiles[0].proxy", "proxyPassword"),
        Case(
            "proxy-port", h + "    secretKey: s\n    proxy: http://proxy.corp:0\n", ":6:12", "profiles[0].proxy",
            "port '0'"),
        Case(
            "proxy-password-without-user",
            h + "    secretKey: s\n    proxy: http://proxy.corp:3128\n    proxyPassword: {env: TOKENTOP_CORPUS_PW}\n",
            ":7:20",
            "profiles[0].proxyPassword", "names no user"),
    ]

    @Test func theCorpusHasAtLeast25Files() {
        #expect(Self.cases.count >= 25)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases)
    func eachBrokenFileIsNamedExitsTwoAndTouchesNothing(_ broken: Case) async throws {
        let scratch = try Scratch()
        let file = scratch.path + "/\(broken.name).yaml"
        #expect(
            FileManager.default.createFile(
                atPath: file, contents: Data(broken.text), attributes: [.posixPermissions: 0o600]))
        let log = scratch.path + "/results.jsonl"
        let socket = scratch.path + "/daemon.sock"
        let run = try await Binary.run(
            ["daemon", "--config", file, "--log", log, "--socket", socket, "--metrics", "127.0.0.1:0"],
            environment: scratch.environment, limit: 30)
        #expect(run.status == 2, "\(broken.name): \(run.all)")
        let expected = "\(broken.name).yaml" + (broken.location ?? ": error")
        #expect(run.stderr.contains(expected), "\(broken.name): wanted \(expected) in \(run.stderr)")
        for text in broken.names {
            #expect(run.stderr.contains(text), "\(broken.name): wanted '\(text)' in \(run.stderr)")
        }
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(broken.name) crashed")
        // Nothing was created: no result log, no socket, no sink, no hook run, no instance state.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(left == ["\(broken.name).yaml"], "\(broken.name) left \(left)")
    }
}
