import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

/// Which proxy variable applies to a target, as curl picks it, and NO_PROXY on top.
@Suite struct ProxyEnvironmentTests {
    let https = URL(string: "https://pay.enkash.in")!
    let http = URL(string: "http://127.0.0.1:8080")!

    func proxy(_ environment: [String: String], _ url: URL) throws -> ProxyServer? {
        try ProxyEnvironment(environment).proxy(for: url).get()
    }

    @Test func noVariablesMeansDirect() throws {
        #expect(try proxy([:], https) == nil)
        #expect(try proxy(["PATH": "/bin", "NO_PROXY": "*"], http) == nil)
        #expect(ProxyEnvironment([:]).isEmpty)
    }

    @Test func eachSchemeHasItsOwnVariable() throws {
        let environment = ["HTTPS_PROXY": "http://secure.corp:3128", "HTTP_PROXY": "http://plain.corp:8080"]
        #expect(try proxy(environment, https)?.label == "secure.corp:3128")
        #expect(try proxy(environment, http)?.label == "plain.corp:8080")
        #expect(try proxy(["HTTPS_PROXY": "http://secure.corp:3128"], http) == nil)
        #expect(try proxy(["HTTP_PROXY": "http://plain.corp:8080"], https) == nil)
    }

    @Test func lowercaseWinsOverUppercase() throws {
        #expect(try proxy(["https_proxy": "low.corp:1", "HTTPS_PROXY": "UP.corp:2"], https)?.label == "low.corp:1")
        #expect(try proxy(["http_proxy": "low.corp:1", "HTTP_PROXY": "up.corp:2"], http)?.label == "low.corp:1")
        #expect(try proxy(["HTTP_PROXY": "up.corp:2"], http)?.label == "up.corp:2", "uppercase HTTP_PROXY is read")
        #expect(
            try proxy(["http_proxy": "", "HTTP_PROXY": "up.corp:2"], http)?.label == "up.corp:2",
            "empty counts as unset")
    }

    @Test func allProxyIsTheFallback() throws {
        #expect(try proxy(["ALL_PROXY": "all.corp:3128"], https)?.label == "all.corp:3128")
        #expect(try proxy(["all_proxy": "low.corp:1", "ALL_PROXY": "up.corp:2"], http)?.label == "low.corp:1")
        #expect(try proxy(["ALL_PROXY": "all.corp:1", "HTTPS_PROXY": "own.corp:2"], https)?.label == "own.corp:2")
    }

    @Test func credentialsInTheValueAreKeptAsSecret() throws {
        let server = try #require(try proxy(["HTTPS_PROXY": "http://svc:s3cret@proxy.corp:3128"], https))
        #expect(server.username == "svc" && server.password?.reveal() == "s3cret")
        #expect(!"\(server)".contains("s3cret"))
        #expect(!String(reflecting: server).contains("s3cret"))
    }

    @Test func noProxyBypassesAndLowercaseWins() throws {
        let base = ["HTTPS_PROXY": "proxy.corp:3128", "HTTP_PROXY": "proxy.corp:3128"]
        #expect(try proxy(base.merging(["NO_PROXY": "enkash.in"]) { $1 }, https) == nil)
        #expect(try proxy(base.merging(["NO_PROXY": ".enkash.in"]) { $1 }, https) == nil)
        #expect(try proxy(base.merging(["NO_PROXY": "enkash.com"]) { $1 }, https) != nil)
        #expect(try proxy(base.merging(["no_proxy": "other.net", "NO_PROXY": "enkash.in"]) { $1 }, https) != nil)
        #expect(try proxy(base.merging(["NO_PROXY": "*"]) { $1 }, https) == nil)
        // Loopback goes through the proxy unless listed.
        #expect(try proxy(base, http)?.label == "proxy.corp:3128")
        #expect(try proxy(base.merging(["NO_PROXY": "127.0.0.1"]) { $1 }, http) == nil)
        #expect(try proxy(base.merging(["NO_PROXY": "127.0.0.1:9999"]) { $1 }, http) != nil, "other port")
        #expect(try proxy(base.merging(["NO_PROXY": "127.0.0.1:8080"]) { $1 }, http) == nil)
        #expect(try proxy(base.merging(["NO_PROXY": "pay.enkash.in:443"]) { $1 }, https) == nil, "default port")
    }

    @Test func anUnusableVariableIsAProblemNamingItButNotThePassword() throws {
        let environment = ["HTTPS_PROXY": "socks5://svc:pa55word@proxy.corp:1080", "NO_PROXY": "internal.corp"]
        let result = ProxyEnvironment(environment).proxy(for: https)
        guard case .failure(let problem) = result else {
            Issue.record("expected a problem, got \(result)")
            return
        }
        #expect(problem.variable == "HTTPS_PROXY")
        #expect(problem.message.hasPrefix("environment variable HTTPS_PROXY: "))
        #expect(problem.message.contains("SOCKS"))
        #expect(!problem.message.contains("pa55word") && !problem.hint.contains("pa55word"))
        // It matters only to targets it applies to.
        #expect(try proxy(environment, http) == nil)
        #expect(try proxy(environment, URL(string: "https://api.internal.corp")!) == nil)
    }

    @Test func aMalformedValueIsNamedButNeverRepeatedWithItsPassword() throws {
        let password = "PROXYPASSqq93Lm"
        for value in [
            "http//puser:\(password)@127.0.0.1:13129", "http:/puser:\(password)@127.0.0.1:13129",
            "http://puser:PROXYPASS/qq93Lm@127.0.0.1:13129", "http://puser:PROXYPASS#qq93Lm@127.0.0.1:13129",
            "http://puser:PROXYPASS?qq93Lm@127.0.0.1:13129", "garbage:::\(password)",
        ] {
            let result = ProxyEnvironment(["HTTP_PROXY": value]).proxy(for: http)
            guard case .failure(let problem) = result else {
                Issue.record("\(value): expected a problem, got \(result)")
                continue
            }
            #expect(problem.message.hasPrefix("environment variable HTTP_PROXY: "))
            #expect(problem.message.contains("not a proxy URL"), "\(problem.message)")
            #expect(problem.hint.contains("set HTTP_PROXY to http://"))
            for piece in ["PROXYPASS", "qq93Lm"] {
                #expect(
                    !problem.message.contains(piece) && !problem.hint.contains(piece), "\(value): \(problem.message)")
            }
        }
    }
}
