import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tokentop daemon` against a `tokentop sandbox` process: metrics, health, signals, reload.
@Suite(.serialized) struct DaemonEndToEndTests {
    let secretA = "S3CRET-daemon-a-\(UUID().uuidString.prefix(8))"
    let secretB = "S3CRET-daemon-b-\(UUID().uuidString.prefix(8))"
    let secretC = "S3CRET-daemon-c-\(UUID().uuidString.prefix(8))"

    func credentials() -> String {
        """
        - accessKey: AK-daemon-a
          secretKey: \(secretA)
          lifetime: 300s
        - accessKey: AK-daemon-b
          secretKey: \(secretB)
          lifetime: 300s
        - accessKey: AK-daemon-c
          secretKey: \(secretC)
          lifetime: 300s
        """
    }

    /// Profiles `alpha` and `beta`, plus `gamma` when `withGamma`, plus `refused` (a wrong
    /// secret for key c) when `withRefused`.
    func profiles(_ baseURL: String, withGamma: Bool = false, withRefused: Bool = false) -> String {
        var text = """
            defaults:
              baseURL: \(baseURL)
            profiles:
              - name: alpha
                accessKey: AK-daemon-a
                secretKey: \(secretA)
              - name: beta
                accessKey: AK-daemon-b
                secretKey: \(secretB)

            """
        if withGamma {
            text += """
                  - name: gamma
                    accessKey: AK-daemon-c
                    secretKey: \(secretC)

                """
        }
        if withRefused {
            text += """
                  - name: refused
                    accessKey: AK-daemon-c
                    secretKey: not-the-right-secret

                """
        }
        return text
    }

    func issued(_ sandbox: SandboxProcess, _ key: String) throws -> Int {
        let keys = try sandbox.stats()["accessKeys"] as? [String: Any]
        return (keys?[key] as? [String: Any])?["issued"] as? Int ?? 0
    }

    func hasExpirySeries(_ daemon: DaemonProcess, _ profiles: [String]) throws -> Bool {
        let samples = try daemon.metrics().metricSamples
        return profiles.allSatisfy { name in
            samples.contains { $0.hasPrefix("tokentop_token_expiry_seconds{profile=\"\(name)\"}") }
        }
    }

    @Test func servesMetricsAndHealthAndStopsCleanlyOnSIGTERM() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))
        let log = scratch.path + "/results.jsonl"
        let daemon = try await DaemonProcess(config: config, log: log, scratch: scratch)
        defer { daemon.stop() }

        let started = try await daemon.background.waitForLine(containing: "daemon started")
        #expect(started.contains("2 profiles (2 enabled) from \(config)"))
        #expect(started.contains("result log \(log)"))
        #expect(started.contains("metrics http://127.0.0.1:\(daemon.metricsPort)"))
        #expect(started.contains("socket \(scratch.path)/daemon.sock"))

        #expect(try await daemon.wait(upTo: 20) { try daemon.health().status == 200 }, "\(daemon.printed)")
        let health = try daemon.health()
        #expect(health.body == "ok: 2 of 2 enabled profiles hold a valid token\n")

        let metrics = try daemon.metrics()
        let samples = metrics.metricSamples
        for name in ["alpha", "beta"] {
            let expiry = try #require(
                samples.first { $0.hasPrefix("tokentop_token_expiry_seconds{profile=\"\(name)\"} ") })
            let seconds = Double(expiry.split(separator: " ").last ?? "") ?? 0
            #expect(seconds > 250 && seconds <= 300, "\(expiry)")
            #expect(samples.contains("tokentop_profile_state{profile=\"\(name)\",state=\"valid\"} 1.0"))
            #expect(
                samples.contains(
                    "tokentop_refresh_attempts_total{profile=\"\(name)\",outcome=\"success\",result_code=\"0\"} 1"))
            #expect(samples.contains("tokentop_refresh_latency_seconds_count{profile=\"\(name)\"} 1"))
            #expect(samples.contains { $0.hasPrefix("tokentop_last_success_timestamp_seconds{profile=\"\(name)\"} ") })
        }
        let refreshed = try await daemon.background.waitForLine(containing: "alpha (initial, ")
        #expect(refreshed.contains(" info "))
        #expect(
            refreshed.contains("alpha (initial, ") && refreshed.contains("ms): token refreshed, fingerprint "),
            "\(refreshed)")
        #expect(refreshed.contains(" (HTTP 200, resultCode 0): "), "\(refreshed)")
        #expect(try LoopbackHTTP.fetch(port: daemon.metricsPort, path: "/nope").status == 404)
        // HEAD answers like GET (a monitor's probe), without a body.
        for path in ["/metrics", "/healthz"] {
            let get = try LoopbackHTTP.fetch(port: daemon.metricsPort, path: path)
            let head = try LoopbackHTTP.exchange(.HEAD, port: daemon.metricsPort, path: path, timeoutSeconds: 5)
            #expect(head.status == 200, "\(path): \(head.head)")
            #expect(head.body.isEmpty, "\(path)")
            #expect(!get.body.isEmpty, "\(path)")
            let type = { (head: String) in
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
            }
            #expect(type(head.head) != nil && type(head.head) == type(get.head), "\(path): \(head.head)")
        }

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        let printed = daemon.printed.joined(separator: "\n")
        #expect(
            printed.contains(
                "SIGTERM: stopping; cancelling requests in flight (each is still logged), finishing sink writes and hooks"
            ))
        #expect(daemon.printed.last?.hasSuffix("stopped") == true, "\(printed)")
        for secret in [secretA, secretB] {
            #expect(!printed.contains(secret))
            #expect(!metrics.contains(secret))
        }

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the log ends with a newline")
        let last = try #require(lines.dropLast().last)
        #expect(try JSONSerialization.jsonObject(with: Data(last.utf8)) is [String: Any])
        #expect(lines.count - 1 == 2, "one line per token request")
        #expect(try issued(sandbox, "AK-daemon-a") == 1)
    }

    @Test func healthIs503WhileAProfileIsRefused() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL, withRefused: true))
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }

        let refusedLine = try await daemon.background.waitForLine(containing: "refused (initial, ")
        #expect(refusedLine.contains(" warning "))
        #expect(refusedLine.contains("ms): credentials refused (HTTP 401, resultCode 1001): "), "\(refusedLine)")
        #expect(try await daemon.wait(upTo: 20) { try hasExpirySeries(daemon, ["alpha", "beta"]) })
        let health = try daemon.health()
        #expect(health.status == 503)
        let lines = health.body.split(separator: "\n").map(String.init)
        #expect(lines.first == "unhealthy: 1 of 3 enabled profiles without a valid token")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("refused: rejected: ") == true, "\(health.body)")
        #expect(lines.last?.contains("HTTP 401") == true)
        let samples = try daemon.metrics().metricSamples
        #expect(samples.contains("tokentop_profile_state{profile=\"refused\",state=\"rejected\"} 1.0"))
        #expect(
            samples.contains {
                $0.hasPrefix("tokentop_refresh_attempts_total{profile=\"refused\",outcome=\"rejected\",")
            })

        daemon.send(SIGINT)
        #expect(try await daemon.waitForExit() == 0)
        // One line per rejection in the journal, not one from the refresher and one from the daemon.
        #expect(daemon.printed.filter { $0.contains("credentials refused") }.count == 1, "\(daemon.printed)")
    }

    @Test func sighupWithAnInvalidFileKeepsTheRunningProfiles() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { try daemon.health().status == 200 })

        try scratch.write(
            "profiles.yaml",
            """
            profiles:
              - name: alpha
                accessKey: AK-daemon-a
                secretKey: {env: TOKENTOP_E2E_UNSET_VARIABLE}
                colour: blue
            """)
        daemon.send(SIGHUP)
        let failed = try await daemon.background.waitForLine(containing: "reload failed: \(config) has ")
        #expect(failed.contains("still running the previous 2 profiles"))
        #expect(failed.contains(" error "))
        let diagnostics = daemon.printed.filter { $0.contains("reload: \(config):") }
        #expect(diagnostics.count >= 2, "every diagnostic is logged: \(daemon.printed)")

        #expect(daemon.isRunning)
        #expect(try daemon.health().status == 200)
        #expect(try hasExpirySeries(daemon, ["alpha", "beta"]))
        #expect(try issued(sandbox, "AK-daemon-a") == 1 && issued(sandbox, "AK-daemon-b") == 1)

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// SIGHUP with an edited file: the added profile gets a token; the others keep theirs (the
    /// sandbox's per-key counts prove no re-issue).
    @Test func sighupWithAnAddedProfileFetchesOnlyThatOne() async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let config = try scratch.write("profiles.yaml", profiles(sandbox.baseURL))
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        #expect(try await daemon.wait(upTo: 20) { try daemon.health().status == 200 })
        #expect(try issued(sandbox, "AK-daemon-a") == 1 && issued(sandbox, "AK-daemon-b") == 1)

        try scratch.write("profiles.yaml", profiles(sandbox.baseURL, withGamma: true))
        daemon.send(SIGHUP)
        _ = try await daemon.background.waitForLine(containing: "SIGHUP: reloading \(config)")
        #expect(try await daemon.wait(upTo: 10) { daemon.printed.contains { $0.contains("reload: added") } })
        let line = try #require(daemon.printed.first { $0.contains("reload: added") }, "\(daemon.printed)")
        #expect(line.contains("added gamma;"))
        #expect(line.contains("unchanged alpha, beta"))
        #expect(try await daemon.wait(upTo: 15) { try hasExpirySeries(daemon, ["alpha", "beta", "gamma"]) })
        #expect(try issued(sandbox, "AK-daemon-c") == 1)
        #expect(try daemon.health().body == "ok: 3 of 3 enabled profiles hold a valid token\n")
        #expect(try issued(sandbox, "AK-daemon-a") == 1 && issued(sandbox, "AK-daemon-b") == 1)

        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func refusesABadMetricsAddressAndAPortInUse() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", profiles("http://127.0.0.1:9"))
        let bad = try await Binary.run(
            ["daemon", "--config", config, "--metrics", "::1:80"], environment: scratch.environment, limit: 20)
        #expect(bad.status == 64 || bad.status == 2, "\(bad.all)")
        #expect(bad.stderr.contains("--metrics '::1:80' looks like a bare IPv6 address"))

        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials()))
        defer { sandbox.stop() }
        let port = try #require(sandbox.baseURL.split(separator: ":").last.map(String.init))
        let busy = try await Binary.run(
            [
                "daemon", "--config", config, "--log", scratch.path + "/r.jsonl", "--metrics", "127.0.0.1:\(port)",
                "--socket", scratch.path + "/d.sock",
            ],
            environment: scratch.environment, limit: 20)
        #expect(busy.status == 1, "\(busy.all)")
        #expect(busy.stderr.contains("cannot serve metrics on 127.0.0.1:\(port): address already in use"))
    }

    /// Refusals before start-up: run with the scratch state, runtime and config directories (and
    /// HOME), and a short limit, so a regression that let the daemon start would neither touch the
    /// real $HOME nor hang the suite.
    @Test func refusesASocketPathTooLongForUnixSockets() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", profiles("http://127.0.0.1:9"))
        let long = "/tmp/" + String(repeating: "s", count: 120) + ".sock"
        let result = try await Binary.run(
            ["daemon", "--config", config, "--socket", long], environment: scratch.environment, limit: 20)
        #expect(result.status != 0)
        #expect(result.stderr.contains("socket path \(long) is 130 bytes, longer than the 107 a Unix socket allows"))
        let group = try await Binary.run(
            ["daemon", "--config", config, "--socket-group", "no-such-group-tokentop"],
            environment: scratch.environment,
            limit: 20)
        #expect(group.status != 0)
        #expect(group.stderr.contains("--socket-group 'no-such-group-tokentop': no such group"))
    }
}
