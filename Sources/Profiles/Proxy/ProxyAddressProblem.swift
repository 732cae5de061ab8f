/// Why a proxy URL (from the profiles file or a proxy environment variable) cannot be used.
/// `shown` is the value with everything up to its last `@` replaced by `…@`: messages never carry
/// a password. `unreadable` is an environment value that cannot be split and has no `@`; it is
/// not shown at all.
enum ProxyAddressProblem: Error, Sendable, Equatable {
    case notURL(shown: String)
    case unreadable
    case missingScheme(shown: String)
    case unsupportedScheme(String, shown: String)
    case missingHost(shown: String)
    case invalidHost(String, shown: String)
    case missingPort(shown: String)
    case invalidPort(String, shown: String)
    case extraParts(shown: String)
    case passwordInURL(shown: String)

    static let example = "http://proxy.example.com:3128"

    var message: String {
        switch self {
        case .notURL(let shown): "\(shown) is not a proxy URL"
        case .unreadable: "the value is not a proxy URL (not repeated here: it may hold a password)"
        case .missingScheme(let shown): "\(shown) has no scheme"
        case .unsupportedScheme(let scheme, let shown):
            if scheme.hasPrefix("socks") {
                "\(shown) is a SOCKS proxy; tokentop goes through HTTP proxies only"
            } else if scheme == "https" {
                "\(shown) asks for TLS to the proxy (https://); tokentop talks to the proxy over http:// "
                    + "(TLS to EnKash still runs end to end inside the CONNECT tunnel)"
            } else {
                "\(shown) has scheme '\(scheme)'; a proxy URL starts with http://"
            }
        case .missingHost(let shown): "\(shown) has no host"
        case .invalidHost(let host, let shown): "'\(host)' in \(shown) is not a host name or IP address"
        case .missingPort(let shown): "\(shown) has no port"
        case .invalidPort(let port, let shown): "port '\(port)' in \(shown) is not a number from 1 to 65535"
        case .extraParts(let shown): "\(shown) has a path, ?query or #fragment; a proxy URL is only http://host:port"
        case .passwordInURL(let shown):
            "\(shown) carries a password; the profiles file must not hold it in the URL"
        }
    }

    var hint: String {
        switch self {
        case .notURL, .unreadable, .missingScheme, .unsupportedScheme, .extraParts:
            "write http://[user@]host:port, e.g. \(Self.example)"
        case .missingHost, .invalidHost:
            "name the proxy by host name, IPv4 address or [IPv6] address, e.g. \(Self.example)"
        case .missingPort: "add the proxy's port, e.g. \(Self.example) (there is no default port)"
        case .invalidPort: "use the port the proxy listens on, e.g. 3128 or 8080"
        case .passwordInURL:
            "write `proxy: http://USER@host:port` and give the password as `proxyPassword: {env: VAR}` "
                + "(or {file: PATH}, {command: \"...\"})"
        }
    }
}
