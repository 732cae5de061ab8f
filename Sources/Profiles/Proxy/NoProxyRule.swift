import TokenModel

/// The hosts `NO_PROXY` / `no_proxy` sends straight to their destination, read as curl documents it.
///
/// The value is a comma-separated list (spaces around entries ignored, case ignored):
/// - `*` bypasses the proxy for every host;
/// - a host name matches itself and every name below it: `example.com` and `.example.com` both
///   match `example.com` and `api.example.com`, never `badexample.com` (a leading `*.` is read
///   as `.`, and trailing dots are ignored);
/// - an IP address matches that address exactly, a CIDR block (`10.0.0.0/8`, `fd00::/8`) every
///   address in it; an address never matches a host name, and names are not resolved;
/// - an entry may end in `:port` (`[::1]:8443` for IPv6): it then bypasses only that port. curl
///   ignores ports in `NO_PROXY`; such an entry in curl matches nothing.
/// Loopback gets no special treatment: `127.0.0.1` or `localhost` goes through the proxy unless
/// listed. Entries that are none of the above are ignored, as curl ignores them.
struct NoProxyRule: Sendable, Equatable {
    enum Pattern: Sendable, Equatable {
        case everything
        /// Lowercased, without leading or trailing dots.
        case domain(String)
        case network(IPAddress, prefixLength: Int)
    }

    struct Entry: Sendable, Equatable {
        var pattern: Pattern
        var port: Int?
    }

    private(set) var entries: [Entry] = []

    init(_ text: String) {
        for item in text.split(separator: ",") {
            if let entry = Self.entry(String(item).trimmedWhitespace) { entries.append(entry) }
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// True when a request to `host` (as in a URL; IPv6 with or without brackets) on `port` goes direct.
    func bypasses(host: String, port: Int) -> Bool {
        guard !entries.isEmpty else { return false }
        var name = host.lowercased()
        let address = IPAddress(name)
        if address == nil, name.hasSuffix(".") { name.removeLast() }
        for entry in entries where entry.port == nil || entry.port == port {
            switch entry.pattern {
            case .everything: return true
            case .domain(let domain):
                if address == nil, name == domain || name.hasSuffix("." + domain) { return true }
            case .network(let network, let prefixLength):
                if let address, address.matches(network, prefixLength: prefixLength) { return true }
            }
        }
        return false
    }

    private static func entry(_ text: String) -> Entry? {
        guard !text.isEmpty else { return nil }
        if text == "*" { return Entry(pattern: .everything) }
        var body = Substring(text.lowercased())
        var port: Int?
        if body.hasPrefix("[") {
            // [v6] or [v6]:port, optionally with /prefix inside or after the brackets.
            guard let close = body.firstIndex(of: "]") else { return nil }
            let rest = body[body.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let number = Int(rest.dropFirst()), (1...65535).contains(number) else { return nil }
                port = number
            } else if !rest.isEmpty, !rest.hasPrefix("/") {
                return nil
            }
            body = body[body.index(after: body.startIndex)..<close] + (rest.hasPrefix("/") ? rest : "")
        } else if body.filter({ $0 == ":" }).count == 1, let colon = body.firstIndex(of: ":") {
            guard let number = Int(body[body.index(after: colon)...]), (1...65535).contains(number) else { return nil }
            port = number
            body = body[..<colon]
        }
        if let pattern = network(body) { return Entry(pattern: pattern, port: port) }
        if body.contains(":") || body.contains("/") { return nil }
        if body.hasPrefix("*.") { body = body.dropFirst() }
        while body.hasPrefix(".") { body = body.dropFirst() }
        while body.hasSuffix(".") { body = body.dropLast() }
        guard !body.isEmpty, !body.contains("*") else { return nil }
        return Entry(pattern: .domain(String(body)), port: port)
    }

    /// `192.0.2.7`, `2001:db8::1`, `10.0.0.0/8`, `fd00::/8` as an address block; nil otherwise.
    private static func network(_ text: Substring) -> Pattern? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let bits = address.bytes.count * 8
        guard parts.count == 2 else { return .network(address, prefixLength: bits) }
        guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
        return .network(address, prefixLength: prefix)
    }
}
