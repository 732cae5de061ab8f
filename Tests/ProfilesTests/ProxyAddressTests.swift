import Testing

@testable import Profiles
@testable import TokenModel

/// Proxy URLs from the profiles file (strict) and from the environment (curl's leniency).
@Suite struct ProxyAddressTests {
    func file(_ text: String) -> Result<ProxyServer, ProxyAddressProblem> {
        ProxyAddress.parse(text, rules: .profilesFile)
    }
    func env(_ text: String) -> Result<ProxyServer, ProxyAddressProblem> {
        ProxyAddress.parse(text, rules: .environment)
    }

    @Test func fileAcceptsHostNamesIPv4AndBracketedIPv6() throws {
        #expect(try file("http://proxy.corp:3128").get() == ProxyServer(host: "proxy.corp", port: 3128))
        #expect(try file("HTTP://10.0.0.5:8080/").get() == ProxyServer(host: "10.0.0.5", port: 8080))
        let v6 = try file("http://[2001:db8::5]:3128").get()
        #expect(v6.host == "2001:db8::5" && v6.port == 3128 && v6.label == "[2001:db8::5]:3128")
        let user = try file("http://svc-tokentop@proxy.corp:3128").get()
        #expect(user.username == "svc-tokentop" && user.password == nil && user.label == "proxy.corp:3128")
        #expect(try file("  http://under_score.corp:1  ").get().host == "under_score.corp")
    }

    @Test func fileRefusesWhatItCannotUse() {
        #expect(file("proxy.corp:3128") == .failure(.missingScheme(shown: "'proxy.corp:3128'")))
        #expect(file("http://proxy.corp") == .failure(.missingPort(shown: "'http://proxy.corp'")))
        #expect(file("http://proxy.corp:") == .failure(.missingPort(shown: "'http://proxy.corp:'")))
        #expect(
            file("https://proxy.corp:3128") == .failure(.unsupportedScheme("https", shown: "'https://proxy.corp:3128'"))
        )
        #expect(
            file("socks5://proxy.corp:1080")
                == .failure(.unsupportedScheme("socks5", shown: "'socks5://proxy.corp:1080'")))
        #expect(file("http://proxy.corp:0") == .failure(.invalidPort("0", shown: "'http://proxy.corp:0'")))
        #expect(file("http://proxy.corp:65536") == .failure(.invalidPort("65536", shown: "'http://proxy.corp:65536'")))
        #expect(file("http://:3128") == .failure(.missingHost(shown: "'http://:3128'")))
        #expect(file("http://999.1.1.1:3128") == .failure(.invalidHost("999.1.1.1", shown: "'http://999.1.1.1:3128'")))
        #expect(file("http://-bad.corp:3128") == .failure(.invalidHost("-bad.corp", shown: "'http://-bad.corp:3128'")))
        #expect(file("http://prøxy.corp:3128").isFailure)
        #expect(file("http://[10.0.0.5]:3128").isFailure, "brackets hold IPv6 only")
        #expect(file("http://proxy.corp:3128/path") == .failure(.extraParts(shown: "'http://proxy.corp:3128/path'")))
        #expect(file("http://proxy.corp:3128?x=1").isFailure)
        #expect(file("http://proxy.corp:3128#f").isFailure)
        #expect(file("http://proxy corp:3128") == .failure(.notURL(shown: "'http://proxy corp:3128'")))
        #expect(file("http://proxy.corp:port") == .failure(.notURL(shown: "'http://proxy.corp:port'")))
        #expect(file("not a url at all").isFailure)
        #expect(file("").isFailure)
    }

    @Test func fileRefusesAPasswordInTheURLWithoutShowingIt() throws {
        let result = file("http://svc:hunter2-pw@proxy.corp:3128")
        #expect(result == .failure(.passwordInURL(shown: "'http://…@proxy.corp:3128'")))
        guard case .failure(let problem) = result else { return }
        #expect(!problem.message.contains("hunter2") && !problem.hint.contains("hunter2"))
        #expect(problem.hint.contains("proxyPassword"))
    }

    @Test func environmentIsLenientAsCurl() throws {
        #expect(try env("proxy.corp:3128").get() == ProxyServer(host: "proxy.corp", port: 3128))
        #expect(try env("proxy.corp").get() == ProxyServer(host: "proxy.corp", port: 1080))
        #expect(try env("http://10.0.0.5").get().port == ProxyAddress.environmentDefaultPort)
        let credentials = try env("http://svc:p%40ss:word@proxy.corp:3128").get()
        #expect(credentials.username == "svc")
        #expect(credentials.password?.reveal() == "p@ss:word")
        #expect(credentials.label == "proxy.corp:3128")
        #expect("\(credentials)" == "proxy.corp:3128")
        let bare = try env("svc:pw@proxy.corp:3128").get()
        #expect(bare.username == "svc" && bare.password?.reveal() == "pw")
    }

    @Test func environmentStillRefusesOtherSchemesAndNeverShowsThePassword() {
        let result = env("socks5://svc:topsecret@proxy.corp:1080")
        #expect(result == .failure(.unsupportedScheme("socks5", shown: "'socks5://…@proxy.corp:1080'")))
        if case .failure(let problem) = result {
            #expect(problem.message.contains("SOCKS"))
            #expect(!problem.message.contains("topsecret"))
        }
        #expect(
            env("https://proxy.corp:443") == .failure(.unsupportedScheme("https", shown: "'https://proxy.corp:443'")))
        #expect(env("svc:topsecret@proxy.corp:99999") == .failure(.invalidPort("99999", shown: "'…@proxy.corp:99999'")))
    }

    @Test func redactionHidesEverythingBeforeTheLastAt() {
        #expect(ProxyAddress.redacted("http://a:b@c@host:1/x") == "http://…@host:1/x")
        #expect(ProxyAddress.redacted("a:b@host:1") == "…@host:1")
        // An @ after a / may end a password holding an unencoded /: cut there as well.
        #expect(ProxyAddress.redacted("http://host:1/a@b") == "http://…@b")
        #expect(ProxyAddress.redacted("http://host:1") == "http://host:1")
        #expect(ProxyAddress.redacted("http//u:pw@host:1") == "…@host:1")
        #expect(ProxyAddress.redacted("bad scheme://u:pw@host:1") == "…@host:1")
    }

    static let password = "PROXYPASSqq93Lm"

    /// Values an operator may write with a password in them, malformed in every way seen.
    static let malformedWithPassword = [
        "http//puser:\(password)@127.0.0.1:13129", "http:/puser:\(password)@127.0.0.1:13129",
        "http://puser:PROXYPASS/qq93Lm@127.0.0.1:13129", "http://puser:PROXYPASS?qq93Lm@127.0.0.1:13129",
        "http://puser:PROXYPASS#qq93Lm@127.0.0.1:13129", "http://puser:PROXYPASS@qq93Lm@127.0.0.1:13129",
        "http://puser:PROXYPASS:qq93Lm@127.0.0.1:13129", "puser:PROXYPASS/qq93Lm@127.0.0.1:13129",
        "http://puser:99999/qq93Lm@127.0.0.1:13129", "socks5://puser:PROXYPASS#qq93Lm@127.0.0.1:1080",
        "http://puser:PROXYPASS/qq93Lm@127.0.0.1:13129/path",
    ]

    /// Every piece of the password that a cut at a `/?#@:` would leave.
    static func leaks(_ text: String) -> Bool {
        ["PROXYPASS", "qq93Lm", "99999"].contains { text.contains($0) }
    }

    @Test(arguments: malformedWithPassword, [ProxyAddress.Rules.profilesFile, .environment])
    func aMalformedValueNeverShowsItsPassword(_ value: String, _ rules: ProxyAddress.Rules) throws {
        let result = ProxyAddress.parse(value, rules: rules)
        guard case .failure(let problem) = result else {
            // The environment, as curl, reads an unencoded `:` or `@` as part of the password.
            #expect(rules == .environment, "\(value) parsed")
            #expect(try ["PROXYPASS:qq93Lm", "PROXYPASS@qq93Lm"].contains(result.get().password?.reveal()), "\(value)")
            return
        }
        #expect(!Self.leaks(problem.message) && !Self.leaks(problem.hint), "\(value): \(problem.message)")
        #expect(problem.message.contains("…@127.0.0.1:"), "\(problem.message)")
    }

    @Test func mistypedSchemesAndUnencodedSeparatorsSayWhatIsWrong() {
        #expect(
            file("http//puser:\(Self.password)@127.0.0.1:13129")
                == .failure(.missingScheme(shown: "'…@127.0.0.1:13129'")))
        #expect(env("http//puser:\(Self.password)@127.0.0.1:13129") == .failure(.notURL(shown: "'…@127.0.0.1:13129'")))
        #expect(env("http:/puser:\(Self.password)@127.0.0.1:13129") == .failure(.notURL(shown: "'…@127.0.0.1:13129'")))
        #expect(
            file("http://puser:PROXYPASS/qq93Lm@127.0.0.1:13129")
                == .failure(.notURL(shown: "'http://…@127.0.0.1:13129'")))
        #expect(
            env("http://puser:99999/qq93Lm@127.0.0.1:13129") == .failure(.notURL(shown: "'http://…@127.0.0.1:13129'")),
            "the port read would be the password")
        #expect(ProxyAddressProblem.notURL(shown: "'x'").message.hasSuffix("is not a proxy URL"))
    }

    @Test func anUnreadableEnvironmentValueWithoutAtIsNotShown() {
        for value in ["garbage:::\(Self.password)", "puser:\(Self.password)", "http//puser:\(Self.password)"] {
            #expect(env(value) == .failure(.unreadable), "\(value)")
        }
        #expect(ProxyAddressProblem.unreadable.message.contains("not a proxy URL"))
        #expect(ProxyAddressProblem.unreadable.hint.contains("http://"))
        // A file value without @ holds no password and is still shown, with its place.
        #expect(file("http://proxy corp:3128") == .failure(.notURL(shown: "'http://proxy corp:3128'")))
        // Values whose structure was read keep naming what is wrong.
        #expect(env("http://proxy.corp:99999") == .failure(.invalidPort("99999", shown: "'http://proxy.corp:99999'")))
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
