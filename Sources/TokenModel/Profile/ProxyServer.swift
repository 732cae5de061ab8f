import Foundation

/// An HTTP proxy a token request goes through: `http://[user@]host:port`, the password (if any)
/// kept as a secret. Every target is reached through a CONNECT tunnel (AsyncHTTPClient tunnels
/// plain-HTTP targets too), with TLS to EnKash verified end to end through it.
public struct ProxyServer: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address (an IPv6 address without brackets).
    public var host: String
    public var port: Int
    /// The user name for Basic proxy authentication; nil for none.
    public var username: String?
    /// The password for Basic proxy authentication; never printed.
    public var password: SecretString?

    public init(host: String, port: Int, username: String? = nil, password: SecretString? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// `host:port` (`[::1]:3128` for IPv6): what logs, errors and screens show. Never the credentials.
    public var label: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    public var description: String { label }
}
