import Foundation

/// Where a request goes, taken apart once per URL: the connection to open and the request line
/// and `Host` field to send on it.
struct HTTPEndpoint: Sendable, Hashable {
    /// What a pooled connection is shared by.
    struct Origin: Sendable, Hashable {
        var secure: Bool
        var host: String
        var port: Int
    }

    var origin: Origin
    /// Path and query as they go on the request line, e.g. `/api/v0/merchant/token`.
    var target: String
    /// The `Host` field: the host, with the port when it is not the scheme's default.
    var hostField: String
    /// The TLS server name (SNI and certificate check); nil for an IP address, whose
    /// certificate is checked against the address connected to.
    var serverName: String?

    init(_ url: URL) throws(TransportError) {
        let scheme = url.scheme?.lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw .connection("unsupported URL scheme '\(scheme ?? "")'; use http or https")
        }
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            var host = components.percentEncodedHost, !host.isEmpty
        else { throw .connection("the URL has no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let secure = scheme == "https"
        let defaultPort = secure ? 443 : 80
        let port = components.port ?? defaultPort
        guard (1...65535).contains(port) else { throw .connection("port \(port) is out of range") }
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        let literal = host.contains(":") ? "[\(host)]" : host
        origin = Origin(secure: secure, host: host, port: port)
        self.target = target
        hostField = port == defaultPort ? literal : "\(literal):\(port)"
        serverName = Self.isIPAddress(host) ? nil : host
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
