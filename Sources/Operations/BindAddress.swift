import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the operations server listens: `--metrics [ADDR:]PORT`.
///
/// `9464` means `127.0.0.1:9464` (loopback unless an address is given); `0` picks a free port.
/// The address is an IP literal (IPv6 in brackets: `[::1]:9464`) or `localhost`.
public struct BindAddress: Sendable, Equatable, CustomStringConvertible {
    public static let defaultHost = "127.0.0.1"

    public var host: String
    public var port: Int

    public init(host: String = BindAddress.defaultHost, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `[ADDR:]PORT`.
    public static func parse(_ text: String) throws(BindAddressError) -> BindAddress {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw BindAddressError(text: text, problem: "is empty") }
        let hostPart: String?
        let portPart: String
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw BindAddressError(text: text, problem: "has '[' without a closing ']'")
            }
            hostPart = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw BindAddressError(
                    text: text, problem: "needs ':PORT' after the bracketed address, e.g. [::1]:9464")
            }
            portPart = String(rest.dropFirst())
        } else if let colon = text.lastIndex(of: ":") {
            let host = String(text[..<colon])
            if host.contains(":") {
                throw BindAddressError(
                    text: text, problem: "looks like a bare IPv6 address; put it in brackets, e.g. [::1]:9464")
            }
            if host.isEmpty {
                throw BindAddressError(
                    text: text,
                    problem:
                        "has no address before ':'; give just the port for loopback, or 0.0.0.0:PORT for every interface"
                )
            }
            hostPart = host
            portPart = String(text[text.index(after: colon)...])
        } else {
            hostPart = nil
            portPart = text
        }
        guard !portPart.isEmpty, portPart.allSatisfy(\.isASCII), portPart.allSatisfy(\.isNumber),
            let port = Int(portPart), (0...65535).contains(port)
        else {
            throw BindAddressError(
                text: text, problem: "has port '\(portPart)'; a port is a number from 0 to 65535 (0 picks a free one)")
        }
        guard let host = hostPart else { return BindAddress(port: port) }
        guard host == "localhost" || isIPv4(host) || isIPv6(host) else {
            throw BindAddressError(
                text: text,
                problem: "has address '\(host)', which is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or [::1])")
        }
        return BindAddress(host: host, port: port)
    }

    /// True for addresses only this machine can reach.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `HOST:PORT`, IPv6 hosts in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `http://HOST:PORT`.
    public var url: String { "http://\(description)" }

    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}

/// A `--metrics` value that cannot be parsed.
public struct BindAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var problem: String

    public var description: String { "--metrics '\(text)' \(problem)" }
}
