import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

/// `sink:` and `onRefresh:` in the profiles file. Fake credentials only.
@Suite("ProfilesLoader: sink and onRefresh")
struct SinkConfigTests {
    static let environment = [
        "PATH": "/usr/bin:/bin", "HOME": "/home/fake", "ACCESS_A": "fake-access-aaaa", "SECRET_A": "fake-secret-a",
    ]

    func load(_ profileLines: String, extra: String = "") throws(ConfigError) -> ProfileSet {
        try ProfilesLoader.parse(
            yaml: Self.yaml(profileLines, extra: extra), file: "profiles.yaml", baseDirectory: "/etc/tokentop",
            environment: Self.environment)
    }

    static func yaml(_ profileLines: String, extra: String = "") -> String {
        """
        profiles:
          - name: acme
            environment: cards-uat
            accessKey: {env: ACCESS_A}
            secretKey: {env: SECRET_A}
        \(profileLines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        \(extra)
        """
    }

    func errors(_ profileLines: String, extra: String = "") -> [ConfigDiagnostic] {
        do {
            _ = try load(profileLines, extra: extra)
            Issue.record("expected errors")
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    @Test("a full sink and a hook mapping are read; the path is resolved against the file's directory")
    func full() throws {
        let set = try load(
            """
            sink: {path: tokens/acme.json, format: json, mode: "0640"}
            onRefresh: {command: "systemctl reload app", timeout: 30s}
            """)
        let profile = try #require(set.profiles.first)
        #expect(profile.sink == TokenSink(path: "/etc/tokentop/tokens/acme.json", format: .json, mode: 0o640))
        #expect(profile.onRefresh == RefreshHook(command: "systemctl reload app", timeout: .seconds(30)))
        #expect(set.warnings.isEmpty)
    }

    @Test("defaults: raw, 0600, a 10 s hook; ~ is expanded; a bare path and a bare command are accepted")
    func defaults() throws {
        let set = try load(
            """
            sink: {path: ~/.cache/acme.token}
            onRefresh: "touch /tmp/x"
            """)
        let profile = try #require(set.profiles.first)
        #expect(profile.sink == TokenSink(path: "/home/fake/.cache/acme.token", format: .raw, mode: 0o600))
        #expect(profile.onRefresh == RefreshHook(command: "touch /tmp/x", timeout: .seconds(10)))
        let bare = try #require(try load("sink: /run/acme.token").profiles.first)
        #expect(bare.sink == TokenSink(path: "/run/acme.token"))
        let numeric = try #require(try load("sink: {path: /run/a, mode: 0600}").profiles.first)
        #expect(numeric.sink?.mode == 0o600)
        #expect(numeric.sink?.modeText == "0600")
    }

    @Test("an unknown format names the choices and suggests the nearest one, at its line and column")
    func badFormat() throws {
        let found = errors("sink: {path: /run/a, format: jason}")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.field == "profiles[0].sink.format")
        #expect(error.line == 6)
        #expect(error.column != nil)
        #expect(error.message.contains("unknown sink format 'jason' (did you mean 'json'?)"))
        #expect(error.hint?.contains("raw, json, env, header") == true)
    }

    @Test(
        "bad modes are refused with a reason",
        arguments: [
            ("\"0999\"", "not an octal file mode"), ("\"0400\"", "owner read and write"), ("\"4600\"", "setuid"),
            ("\"0700\"", "executable"), ("rw", "not an octal file mode"),
        ])
    func badMode(mode: String, reason: String) throws {
        let found = errors("sink: {path: /run/a, mode: \(mode)}")
        #expect(found.count == 1)
        #expect(found.first?.field == "profiles[0].sink.mode")
        #expect(found.first?.message.contains(reason) == true, "\(found.map(\.description))")
    }

    @Test("a world-readable mode loads with a warning")
    func worldReadable() throws {
        let set = try load("sink: {path: /run/a, mode: \"0644\"}")
        #expect(set.profiles.first?.sink?.mode == 0o644)
        #expect(set.warnings.count == 1)
        #expect(set.warnings.first?.message.contains("every user") == true)
    }

    @Test("a missing, empty or directory path is refused")
    func badPath() throws {
        #expect(errors("sink: {format: raw}").first?.message.contains("needs a `path`") == true)
        #expect(errors("sink: {path: \"\"}").first?.message.contains("is empty") == true)
        #expect(errors("sink: {path: /run/tokens/}").first?.message.contains("names a directory") == true)
        #expect(errors("sink: {path: /tmp}").first?.message.contains("is a directory") == true)
        #expect(errors("sink: [a, b]").first?.message.contains("must be a mapping") == true)
    }

    @Test("unknown keys in sink and onRefresh get a did-you-mean")
    func unknownKeys() throws {
        let sink = errors("sink: {path: /run/a, fromat: raw}")
        #expect(sink.first?.field == "profiles[0].sink.fromat")
        #expect(sink.first?.message.contains("did you mean 'format'?") == true)
        let hook = errors("sink: /run/a\nonRefresh: {command: x, timout: 5s}")
        #expect(hook.first?.field == "profiles[0].onRefresh.timout")
        #expect(hook.first?.message.contains("did you mean 'timeout'?") == true)
    }

    @Test("onRefresh needs a sink, a command and a sane timeout")
    func badHook() throws {
        #expect(errors("onRefresh: \"echo hi\"").first?.message.contains("there is no sink") == true)
        #expect(errors("sink: /run/a\nonRefresh: {timeout: 5s}").first?.message.contains("missing `command`") == true)
        #expect(
            errors("sink: /run/a\nonRefresh: {command: x, timeout: 10m}").first?.message.contains("out of range")
                == true)
        #expect(errors("sink: /run/a\nonRefresh: \"\"").first?.message.contains("is empty") == true)
    }

    @Test("two profiles writing the same sink file is an error pointing at both")
    func duplicateSinkPaths() throws {
        let found = errors(
            "sink: {path: /run/shared.token}",
            extra: """
                  - name: globex
                    environment: cards-uat
                    accessKey: {env: ACCESS_A}
                    secretKey: {env: SECRET_A}
                    sink: {path: ../../run/shared.token, format: env}
                """)
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.field == "profiles[1].sink.path")
        #expect(error.line == 11)
        #expect(error.message.contains("also the sink of profile 'acme' (line 6)"))
    }

    @Test("sink and onRefresh are per profile: refused under defaults")
    func notInDefaults() throws {
        let yaml = """
            defaults:
              sink: {path: /run/a}
            profiles:
              - name: acme
                environment: cards-uat
                accessKey: {env: ACCESS_A}
                secretKey: {env: SECRET_A}
            """
        do {
            _ = try ProfilesLoader.parse(
                yaml: yaml, file: "profiles.yaml", baseDirectory: "/etc", environment: Self.environment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.field == "defaults.sink")
            #expect(error.diagnostics.first?.message.contains("not allowed here") == true)
        }
    }
}
