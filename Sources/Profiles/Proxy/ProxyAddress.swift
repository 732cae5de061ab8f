import Foundation
import TokenModel

/// Reads a proxy URL, `http://[user[:password]@]host:port`, into a `ProxyServer`.
///
/// The profiles file and the proxy environment variables follow different rules:
/// - in the file the scheme and the port are required and a password is refused (it belongs in
///   `proxyPassword`, a secret reference);
/// - in the environment, as curl reads it, a value without scheme means `http://`, a missing
///   port means 1080, and `user:password@` is honoured (the password kept as a secret).
/// Both accept only `http://` (SOCKS and TLS-to-the-proxy are refused), a host name, an IPv4
/// address or a bracketed IPv6 address, a port from 1 to 65535, and no path beyond `/`.
enum ProxyAddress {
    enum Rules: Sendable { case profilesFile, environment }

    /// The port curl assumes when a proxy environment variable names none.
    static let environmentDefaultPort = 1080

    static func parse(_ text: String, rules: Rules) -> Result<ProxyServer, ProxyAddressProblem> {
        let trimmed = text.trimmedWhitespace
        let result = parseTrimmed(trimmed, rules: rules)
        // An environment value that could not be split at all and has no `@` to cut at may be
        // anything, a bare password included: it is not repeated.
        if rules == .environment, !trimmed.contains("@"), case .failure(let problem) = result {
            switch problem {
            case .notURL, .extraParts: return .failure(.unreadable)
            default: break
            }
        }
        return result
    }

    private static func parseTrimmed(_ trimmed: String, rules: Rules) -> Result<ProxyServer, ProxyAddressProblem> {
        let shown = "'\(redacted(trimmed))'"
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isWhitespace) else { return .failure(.notURL(shown: shown)) }
        var full = trimmed
        if let schemeEnd = trimmed.range(of: "://") {
            let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
            guard !scheme.isEmpty, scheme.unicodeScalars.allSatisfy(Self.isSchemeCharacter) else {
                return .failure(.notURL(shown: shown))
            }
            guard scheme == "http" else { return .failure(.unsupportedScheme(scheme, shown: shown)) }
        } else {
            guard rules == .environment else { return .failure(.missingScheme(shown: shown)) }
            full = "http://" + trimmed
        }
        guard let components = URLComponents(string: full) else { return .failure(.notURL(shown: shown)) }
        // An `@` that did not end a `user[:password]` part (a password holding an unencoded `/`,
        // `?` or `#`): the host or port read would be a piece of the password, so none is named.
        if trimmed.contains("@"), components.percentEncodedUser == nil { return .failure(.notURL(shown: shown)) }
        guard components.percentEncodedPath.isEmpty || components.percentEncodedPath == "/",
            components.percentEncodedQuery == nil, components.percentEncodedFragment == nil
        else { return .failure(.extraParts(shown: shown)) }

        guard let written = components.host, !written.isEmpty else { return .failure(.missingHost(shown: shown)) }
        let host: String
        if written.hasPrefix("[") {
            guard written.hasSuffix("]"), let address = IPAddress(written), !address.isV4 else {
                return .failure(.invalidHost(written, shown: shown))
            }
            host = String(written.dropFirst().dropLast())
        } else {
            guard isHostName(written) || IPAddress(written)?.isV4 == true else {
                return .failure(.invalidHost(written, shown: shown))
            }
            host = written
        }

        let port: Int
        if let given = components.port {
            guard (1...65535).contains(given) else { return .failure(.invalidPort(String(given), shown: shown)) }
            port = given
        } else {
            guard rules == .environment else { return .failure(.missingPort(shown: shown)) }
            port = environmentDefaultPort
        }

        let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        var password: SecretString?
        if let secret = components.password {
            guard rules == .environment else { return .failure(.passwordInURL(shown: shown)) }
            password = SecretString(secret)
        }
        return .success(ProxyServer(host: host, port: port, username: user, password: user == nil ? nil : password))
    }

    /// `http://user:pw@host:3128` → `http://…@host:3128`, so a proxy password never reaches a
    /// message. Everything up to the LAST `@` anywhere in the text goes, not only in a well-formed
    /// authority: a password may hold an unencoded `/`, `?`, `#` or `@`, or the scheme may be
    /// mistyped (`http//`), and the text is cut all the same. The scheme is kept when it reads as one.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        var kept = Substring()
        if let schemeEnd = text.range(of: "://"), schemeEnd.upperBound <= at {
            let scheme = text[..<schemeEnd.lowerBound]
            if !scheme.isEmpty, scheme.unicodeScalars.allSatisfy(isSchemeCharacter) {
                kept = text[..<schemeEnd.upperBound]
            }
        }
        return String(kept) + "…" + String(text[at...])
    }

    /// Letters, digits, `-` and `_` in dot-separated labels (one trailing dot allowed); not all
    /// digits in the last label, which would be a malformed IPv4 address.
    static func isHostName(_ text: String) -> Bool {
        var name = Substring(text)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.unicodeScalars.allSatisfy({ $0.isASCII && (isAlphanumeric($0) || $0 == "-" || $0 == "_") })
            else { return false }
        }
        guard let last = labels.last else { return false }
        return !last.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isSchemeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isAlphanumeric(scalar) || scalar == "+" || scalar == "-" || scalar == "."
    }
}
