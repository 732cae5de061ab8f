import Testing

@testable import Profiles

/// `NO_PROXY` matching, case by case, as curl documents it (plus ports, see `NoProxyRule`).
@Suite struct NoProxyRuleTests {
    func bypasses(_ list: String, _ host: String, port: Int = 443) -> Bool {
        NoProxyRule(list).bypasses(host: host, port: port)
    }

    @Test func emptyListBypassesNothing() {
        #expect(!bypasses("", "example.com"))
        #expect(!bypasses(" , ,, ", "example.com"))
        #expect(NoProxyRule("").isEmpty)
    }

    @Test func starAloneBypassesEverything() {
        #expect(bypasses("*", "example.com"))
        #expect(bypasses(" * ", "10.1.2.3"))
        #expect(bypasses("*", "[::1]"))
        #expect(bypasses("internal, *", "anything.example"))
    }

    @Test func hostNameMatchesItselfAndItsSubdomainsNotLookalikes() {
        for list in ["example.com", ".example.com", "*.example.com", "example.com.", "EXAMPLE.com"] {
            #expect(bypasses(list, "example.com"), "\(list)")
            #expect(bypasses(list, "api.example.com"), "\(list)")
            #expect(bypasses(list, "a.b.Example.COM"), "\(list)")
            #expect(!bypasses(list, "badexample.com"), "\(list)")
            #expect(!bypasses(list, "example.com.evil.net"), "\(list)")
            #expect(!bypasses(list, "example.org"), "\(list)")
        }
        #expect(bypasses("example.com", "example.com."))
        #expect(!bypasses("api.example.com", "example.com"))
    }

    @Test func listIsCommaSeparatedWithSpacesTrimmed() {
        let list = " internal.corp ,  example.com,10.0.0.0/8 "
        #expect(bypasses(list, "x.internal.corp"))
        #expect(bypasses(list, "example.com"))
        #expect(bypasses(list, "10.200.3.4"))
        #expect(!bypasses(list, "pay.enkash.in"))
    }

    @Test func loopbackIsNotBypassedUnlessListed() {
        #expect(!bypasses("example.com", "127.0.0.1"))
        #expect(!bypasses("example.com", "localhost"))
        #expect(!bypasses("example.com", "::1"))
        #expect(bypasses("localhost", "localhost"))
        #expect(!bypasses("localhost", "127.0.0.1"), "names are not resolved")
        #expect(bypasses("127.0.0.1", "127.0.0.1"))
        #expect(!bypasses("127.0.0.1", "127.0.0.2"))
        #expect(bypasses("127.0.0.0/8", "127.9.9.9"))
        #expect(bypasses("::1", "[::1]"))
        #expect(bypasses("[::1]", "::1"))
    }

    @Test func ipAddressesMatchExactlyAndNeverAsDomainSuffix() {
        #expect(bypasses("10.0.0.5", "10.0.0.5"))
        #expect(!bypasses("10.0.0.5", "10.0.0.50"))
        #expect(!bypasses("0.0.5", "10.0.0.5"))
        #expect(!bypasses("10.0.0.5", "10.0.0.5.nip.io"))
        #expect(bypasses("2001:db8::1", "2001:DB8:0:0::1"))
        #expect(!bypasses("2001:db8::1", "2001:db8::2"))
    }

    @Test func cidrBlocksMatchTheirAddresses() {
        #expect(bypasses("10.0.0.0/8", "10.255.0.1"))
        #expect(!bypasses("10.0.0.0/8", "11.0.0.1"))
        #expect(bypasses("192.168.0.0/16", "192.168.44.1"))
        #expect(!bypasses("192.168.0.0/16", "192.169.0.1"))
        #expect(bypasses("172.16.0.0/12", "172.31.255.255"))
        #expect(!bypasses("172.16.0.0/12", "172.32.0.0"))
        #expect(bypasses("0.0.0.0/0", "203.0.113.9"))
        #expect(!bypasses("0.0.0.0/0", "::1"), "an IPv4 block never matches IPv6")
        #expect(bypasses("fd00::/8", "[fd12:3456::1]"))
        #expect(!bypasses("fd00::/8", "fe80::1"))
        #expect(bypasses("[2001:db8::]/32", "2001:db8:ffff::1"))
        #expect(!bypasses("10.0.0.0/8", "ten.example"))
    }

    @Test func malformedEntriesAreIgnored() {
        for list in ["10.0.0.0/33", "10.0.0.0/x", "[::1", "host:notaport", "host:0", "a*b.com", "::1/129"] {
            let rule = NoProxyRule(list)
            #expect(rule.isEmpty, "\(list) should be ignored: \(rule.entries)")
        }
        #expect(bypasses("10.0.0.0/33, example.com", "example.com"), "one bad entry does not spoil the rest")
    }

    @Test func entryWithPortBypassesOnlyThatPort() {
        #expect(bypasses("example.com:8443", "api.example.com", port: 8443))
        #expect(!bypasses("example.com:8443", "api.example.com", port: 443))
        #expect(bypasses("10.0.0.5:80", "10.0.0.5", port: 80))
        #expect(!bypasses("10.0.0.5:80", "10.0.0.5", port: 443))
        #expect(bypasses("[::1]:8080", "::1", port: 8080))
        #expect(!bypasses("[::1]:8080", "::1", port: 8081))
        #expect(bypasses("example.com", "example.com", port: 12345), "without a port every port matches")
    }
}
