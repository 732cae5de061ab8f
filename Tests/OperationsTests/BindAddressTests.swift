import Operations
import Testing

@Suite struct BindAddressTests {
    @Test(arguments: [
        ("9464", "127.0.0.1", 9464),
        ("0", "127.0.0.1", 0),
        ("127.0.0.1:0", "127.0.0.1", 0),
        ("0.0.0.0:9464", "0.0.0.0", 9464),
        ("localhost:80", "localhost", 80),
        ("[::1]:9464", "::1", 9464),
        ("[::]:65535", "::", 65535),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try BindAddress.parse(text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test func describesIPv6InBrackets() throws {
        #expect(try BindAddress.parse("[::1]:9").description == "[::1]:9")
        #expect(try BindAddress.parse("9").url == "http://127.0.0.1:9")
        #expect(try BindAddress.parse("9").isLoopback)
        #expect(try !BindAddress.parse("0.0.0.0:9").isLoopback)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("65536", "a port is a number from 0 to 65535"),
        ("-1", "a port is a number from 0 to 65535"),
        ("http", "a port is a number from 0 to 65535"),
        ("127.0.0.1:", "a port is a number from 0 to 65535"),
        (":9464", "has no address before ':'"),
        ("::1:9464", "put it in brackets"),
        ("[::1]9464", "needs ':PORT' after the bracketed address"),
        ("[::1:9464", "without a closing ']'"),
        ("example.com:9464", "not an IP address"),
        ("300.1.1.1:9464", "not an IP address"),
        ("[127.0.0.1x]:9", "not an IP address"),
    ])
    func rejects(text: String, problem: String) {
        #expect {
            try BindAddress.parse(text)
        } throws: { error in
            let description = "\(error)"
            return description.contains(problem) && description.hasPrefix("--metrics '")
        }
    }
}
