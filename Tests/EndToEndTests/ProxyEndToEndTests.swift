import Foundation
import Testing
import TinyproxyFixture

/// The built `tokentop` against a `tokentop sandbox` process through a real tinyproxy on
/// loopback: the proxy from `HTTP_PROXY` (the sandbox speaks plain http on 127.0.0.1, which is
/// not bypassed unless NO_PROXY says so) and from `proxy:` with `proxyPassword:` in the file.
@Suite(.serialized) struct ProxyEndToEndTests {
    let accessKey = "AK-proxy-0001"
    let secret = "S3CRET-proxy-\(UUID().uuidString.prefix(8))"
    // Distinctive values: every byte the programs produced is searched for them.
    let proxyPassword = "PXPW-\(UUID().uuidString.prefix(12))"
    let wrongPassword = "PXWRONG-\(UUID().uuidString.prefix(12))"

    struct Setup {
        let scratch: Scratch
        let sandbox: SandboxProcess
        let log: String
        /// The sandbox's `host:port`, as the proxy is asked for it.
        var authority: String { String(sandbox.baseURL.dropFirst("http://".count)) }
    }

    func setUp() async throws -> Setup {
        let scratch = try Scratch()
        let credentials = "- accessKey: \(accessKey)\n  secretKey: \(secret)\n  lifetime: 300s\n"
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials))
        return Setup(scratch: scratch, sandbox: sandbox, log: scratch.path + "/state/results.jsonl")
    }

    /// One profile for the sandbox; `extra` lines go inside it.
    func profiles(_ baseURL: String, _ extra: [String] = []) -> String {
        """
        profiles:
          - name: through
            baseURL: \(baseURL)
            accessKey: \(accessKey)
            secretKey: {env: E2E_PROXY_SECRET}
        """ + extra.map { "\n    " + $0 }.joined() + "\n"
    }

    func check(_ setup: Setup, config: String, environment: [String: String]) async throws -> ProcessOutput {
        try await Binary.run(
            ["check", "--config", config, "--log", setup.log, "--json"],
            environment: setup.scratch.environment.merging(environment) { $1 }.merging(["E2E_PROXY_SECRET": secret]) {
                $1
            })
    }

    func entry(_ output: ProcessOutput) throws -> [String: Any] {
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]], "\(output.all)")
        return try #require(array.first)
    }

    /// Everything tokentop wrote: its output and the result log.
    func everything(_ setup: Setup, _ outputs: [ProcessOutput]) -> String {
        outputs.map(\.all).joined() + ((try? String(contentsOfFile: setup.log, encoding: .utf8)) ?? "")
    }

    @Test func aTokenIsFetchedThroughTheProxyNamedInHTTPProxy() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let proxy = try await Tinyproxy.start()
        defer { proxy.stop() }
        let config = try setup.scratch.write("profiles.yaml", profiles(setup.sandbox.baseURL))

        let run = try await check(setup, config: config, environment: ["HTTP_PROXY": proxy.url])
        #expect(run.status == 0, "\(run.all)")
        let result = try entry(run)
        #expect(result["ok"] as? Bool == true)
        #expect(result["proxy"] as? String == proxy.label)
        #expect(proxy.requests(to: setup.authority).count == 1, "\(proxy.requestLines())")
        #expect(try setup.sandbox.stats()["requests"] as? Int == 1)

        let table = try await Binary.run(
            ["check", "--config", config, "--log", setup.log],
            environment: setup.scratch.environment.merging(["HTTP_PROXY": proxy.url, "E2E_PROXY_SECRET": secret]) { $1 }
        )
        #expect(table.status == 0, "\(table.all)")
        #expect(table.stdout.split(separator: "\n").first?.contains("PROXY") == true)
        #expect(
            table.stdout.split(separator: "\n").contains { $0.hasPrefix("through ") && $0.contains(" \(proxy.label) ") }
        )
        #expect(proxy.requests(to: setup.authority).count == 2)
    }

    @Test func noProxyListingTheHostBypassesTheProxy() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let proxy = try await Tinyproxy.start()
        defer { proxy.stop() }
        let config = try setup.scratch.write("profiles.yaml", profiles(setup.sandbox.baseURL))

        for noProxy in ["127.0.0.1", "example.com, 127.0.0.0/8", "*"] {
            let run = try await check(
                setup, config: config, environment: ["HTTP_PROXY": proxy.url, "NO_PROXY": noProxy])
            #expect(run.status == 0, "\(noProxy): \(run.all)")
            #expect(try entry(run)["proxy"] as? String == "direct", "\(noProxy)")
        }
        let seen = proxy.requestLines()
        #expect(seen.isEmpty, "the proxy saw: \(seen)")
        #expect(try setup.sandbox.stats()["requests"] as? Int == 3)
        // A list that does not name the host leaves the proxy in use.
        let run = try await check(
            setup, config: config, environment: ["HTTP_PROXY": proxy.url, "NO_PROXY": "localhost"])
        #expect(run.status == 0, "\(run.all)")
        #expect(proxy.requests(to: setup.authority).count == 1)
    }

    @Test func basicAuthFromHTTPProxyCredentials() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let proxy = try await Tinyproxy.start(basicAuth: ("svc", proxyPassword))
        defer { proxy.stop() }
        let config = try setup.scratch.write("profiles.yaml", profiles(setup.sandbox.baseURL))

        let run = try await check(
            setup, config: config, environment: ["HTTP_PROXY": "http://svc:\(proxyPassword)@\(proxy.label)"])
        #expect(run.status == 0, "\(run.all)")
        #expect(try entry(run)["proxy"] as? String == proxy.label)
        #expect(proxy.requests(to: setup.authority).count == 1, "\(proxy.requestLines())")
        #expect(proxy.log.contains("Established connection to host \"127.0.0.1\""))
        #expect(try setup.sandbox.stats()["requests"] as? Int == 1)
        #expect(!everything(setup, [run]).contains(proxyPassword))
    }

    @Test func basicAuthFromProxyPasswordReference() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let proxy = try await Tinyproxy.start(basicAuth: ("svc", proxyPassword))
        defer { proxy.stop() }
        let config = try setup.scratch.write(
            "profiles.yaml",
            profiles(
                setup.sandbox.baseURL, ["proxy: http://svc@\(proxy.label)", "proxyPassword: {env: E2E_PROXY_PASSWORD}"])
        )

        // The file's proxy wins over the environment's (which points nowhere).
        let down = try LoopbackPort.free()
        let run = try await check(
            setup, config: config,
            environment: [
                "E2E_PROXY_PASSWORD": proxyPassword, "HTTP_PROXY": "http://127.0.0.1:\(down)", "NO_PROXY": "*",
            ])
        #expect(run.status == 0, "\(run.all)")
        #expect(try entry(run)["proxy"] as? String == proxy.label)
        #expect(proxy.requests(to: setup.authority).count == 1, "\(proxy.requestLines())")
        #expect(try setup.sandbox.stats()["requests"] as? Int == 1)
        #expect(!everything(setup, [run]).contains(proxyPassword))
    }

    @Test func aProxyAnswering407IsATransientFailureNamingTheProxyNotThePassword() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let proxy = try await Tinyproxy.start(basicAuth: ("svc", proxyPassword))
        defer { proxy.stop() }
        let plain = try setup.scratch.write("plain.yaml", profiles(setup.sandbox.baseURL))

        // No credentials: tinyproxy answers 407 Proxy Authentication Required.
        let anonymous = try await check(setup, config: plain, environment: ["HTTP_PROXY": proxy.url])
        #expect(anonymous.status == 1, "\(anonymous.all)")
        let refused = try entry(anonymous)
        #expect(refused["outcome"] as? String == "transient")
        let message = refused["error"] as? String ?? ""
        #expect(message.contains("proxy \(proxy.label)") && message.contains("407"), "\(message)")

        // Wrong credentials, from the file's proxyPassword and from HTTP_PROXY (tinyproxy answers
        // those with 401): a transient failure naming the proxy, the password nowhere.
        let config = try setup.scratch.write(
            "profiles.yaml",
            profiles(
                setup.sandbox.baseURL, ["proxy: http://svc@\(proxy.label)", "proxyPassword: {env: E2E_PROXY_PASSWORD}"])
        )
        let fromFile = try await check(setup, config: config, environment: ["E2E_PROXY_PASSWORD": wrongPassword])
        let fromEnvironment = try await check(
            setup, config: plain, environment: ["HTTP_PROXY": "http://svc:\(wrongPassword)@\(proxy.label)"])
        for run in [fromFile, fromEnvironment] {
            #expect(run.status == 1, "\(run.all)")
            let result = try entry(run)
            #expect(result["ok"] as? Bool == false)
            #expect(result["outcome"] as? String == "transient")
            let error = result["error"] as? String ?? ""
            #expect(error.contains("proxy \(proxy.label)"), "\(error)")
        }
        #expect(proxy.requests(to: setup.authority).count == 3)
        #expect(try setup.sandbox.stats()["requests"] as? Int == 0, "nothing reached the sandbox")
        let all = everything(setup, [anonymous, fromFile, fromEnvironment])
        #expect(!all.contains(wrongPassword) && !all.contains(proxyPassword))
    }

    @Test func aProxyThatIsDownIsATransientFailureNamingTheProxyNotThePassword() async throws {
        let setup = try await setUp()
        defer { setup.sandbox.stop() }
        let port = try LoopbackPort.free()
        let config = try setup.scratch.write("profiles.yaml", profiles(setup.sandbox.baseURL))

        let run = try await check(
            setup, config: config, environment: ["HTTP_PROXY": "http://svc:\(proxyPassword)@127.0.0.1:\(port)"])
        #expect(run.status == 1, "\(run.all)")
        let result = try entry(run)
        #expect(result["outcome"] as? String == "transient")
        #expect(result["proxy"] as? String == "127.0.0.1:\(port)")
        #expect((result["error"] as? String ?? "").contains("127.0.0.1:\(port)"), "\(result)")
        #expect(try setup.sandbox.stats()["requests"] as? Int == 0)
        #expect(!everything(setup, [run]).contains(proxyPassword))
    }

    @Test func demoNeverUsesAProxy() async throws {
        let scratch = try Scratch()
        let down = "http://svc:\(proxyPassword)@127.0.0.1:\(try LoopbackPort.free())"
        let run = try await Binary.run(
            ["check", "--demo", "--json", "--profile", "acme-pay", "--log", scratch.path + "/r.jsonl"],
            environment: scratch.environment.merging(["HTTP_PROXY": down, "HTTPS_PROXY": down, "ALL_PROXY": down]) {
                $1
            })
        #expect(run.status == 0, "\(run.all)")
        #expect(try entry(run)["proxy"] as? String == "direct")
        #expect(!run.all.contains(proxyPassword))
    }

    @Test func validateReportsBadProxyURLsWithTheirPlace() async throws {
        let scratch = try Scratch()
        let config = try scratch.write(
            "profiles.yaml",
            """
            defaults:
              environment: cards-uat
              proxy: socks5://proxy.corp:1080
            profiles:
              - name: a
                accessKey: AK-a
                secretKey: {env: E2E_PROXY_SECRET}
                proxy: http://svc:\(proxyPassword)@proxy.corp:3128
              - name: b
                accessKey: AK-b
                secretKey: {env: E2E_PROXY_SECRET}
                proxy: http://proxy.corp:99999
              - name: c
                accessKey: AK-c
                secretKey: {env: E2E_PROXY_SECRET}
                proxy: not a url
            """)
        let env = scratch.environment.merging(["E2E_PROXY_SECRET": secret]) { $1 }
        let result = try await Binary.run(["validate", "--config", config], environment: env)
        #expect(result.status == 2, "\(result.all)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for (place, field) in [
            ("3:10", "defaults.proxy"), ("8:12", "profiles[0].proxy"), ("12:12", "profiles[1].proxy"),
            ("16:12", "profiles[2].proxy"),
        ] {
            #expect(
                lines.contains { $0.hasPrefix("\(config):\(place): error: \(field): ") && $0.contains(" — ") },
                "\(place) \(field): \(result.stderr)")
        }
        #expect(lines.contains { $0.contains("profiles[0].proxy") && $0.contains("proxyPassword") })
        #expect(!result.all.contains(proxyPassword))

        // A proxy variable a profile would use is checked too, and named; its password is not shown.
        let good = try scratch.write("good.yaml", profiles("https://pay-uat.enkash.in"))
        let socks = try await Binary.run(
            ["validate", "--config", good],
            environment: env.merging(["HTTPS_PROXY": "socks5://svc:\(proxyPassword)@proxy.corp:1080"]) { $1 })
        #expect(socks.status == 2, "\(socks.all)")
        #expect(socks.stderr.contains("\(good):2:") && socks.stderr.contains("HTTPS_PROXY"), "\(socks.stderr)")
        #expect(!socks.all.contains(proxyPassword))
        let valid = try await Binary.run(
            ["validate", "--config", good], environment: env.merging(["HTTPS_PROXY": "http://proxy.corp:3128"]) { $1 })
        #expect(valid.status == 0, "\(valid.all)")
    }

    @Test func validateWithAMalformedHTTPProxyNeverShowsItsPassword() async throws {
        let scratch = try Scratch()
        let config = try scratch.write("profiles.yaml", profiles("http://127.0.0.1:13129"))
        let env = scratch.environment.merging(["E2E_PROXY_SECRET": secret]) { $1 }
        for value in [
            "http//puser:\(proxyPassword)@127.0.0.1:13129", "http://puser:\(proxyPassword)/x@127.0.0.1:13129",
            "garbage:::\(proxyPassword)",
        ] {
            let result = try await Binary.run(
                ["validate", "--config", config], environment: env.merging(["HTTP_PROXY": value]) { $1 })
            #expect(result.status == 2, "\(result.all)")
            #expect(result.stderr.contains("\(config):2:") && result.stderr.contains("HTTP_PROXY"), "\(result.stderr)")
            #expect(!result.stdout.contains(proxyPassword) && !result.stderr.contains(proxyPassword), "\(value)")
        }
    }
}
