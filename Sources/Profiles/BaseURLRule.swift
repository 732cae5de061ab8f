import Foundation
import Synchronization
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks a `baseURL` and decides whether plain `http://` is acceptable for it.
enum BaseURLRule {
    struct Problem: Error, Equatable {
        let message: String
        let hint: String
    }

    static let example = "https://pay-uat.enkash.in"

    /// The last text parsed and its result: a large profiles file repeats one base URL in every
    /// profile, and parsing it (two `URL`s) each time would be a large share of loading.
    private static let lastParsed = Mutex<(text: String, result: Result<URL, Problem>)?>(nil)

    /// An absolute http/https URL with a host and no query, fragment or credentials; trailing `/` removed.
    static func parse(_ text: String) -> Result<URL, Problem> {
        if let last = lastParsed.withLock({ $0 }), last.text == text { return last.result }
        let result = parseAnew(text)
        lastParsed.withLock { $0 = (text, result) }
        return result
    }

    private static func parseAnew(_ text: String) -> Result<URL, Problem> {
        let trimmed = text.trimmedSpaces
        // Only for messages: built when one is needed, not for every profile of a big file.
        var shown: String { "'\(redactingCredentials(trimmed))'" }
        let hint = "write an absolute URL such as \(example), without ?query or #fragment"
        guard !trimmed.contains(where: \.isWhitespace), let url = URL(string: trimmed),
            let scheme = url.scheme?.lowercased()
        else {
            return .failure(Problem(message: "\(shown) is not an absolute URL", hint: hint))
        }
        guard url.user == nil, url.password == nil else {
            return .failure(
                Problem(
                    message: "\(shown) must not carry a user name or password",
                    hint: "remove the `user:password@` part; credentials go in accessKey/secretKey"))
        }
        guard scheme == "https" || scheme == "http" else {
            return .failure(Problem(message: "\(shown) must start with https:// (or http://)", hint: hint))
        }
        guard let host = url.host, !host.isEmpty else {
            return .failure(Problem(message: "\(shown) has no host", hint: hint))
        }
        guard url.query == nil, url.fragment == nil, !trimmed.contains("?"), !trimmed.contains("#") else {
            return .failure(Problem(message: "\(shown) must not have a ?query or #fragment", hint: hint))
        }
        var stripped = Substring(trimmed)
        while stripped.hasSuffix("/"), url.path != "" { stripped = stripped.dropLast() }
        guard let result = URL(string: String(stripped)), result.host == url.host else {
            return .failure(Problem(message: "\(shown) is not an absolute URL", hint: hint))
        }
        return .success(result)
    }

    /// `https://user:pw@host` → `https://…@host`, so a password never reaches a message: cut at
    /// the last `@` anywhere, as for proxy URLs (a password may hold an unencoded `/`, `?` or `#`).
    static func redactingCredentials(_ text: String) -> String { ProxyAddress.redacted(text) }

    static func isInsecure(_ url: URL) -> Bool { url.scheme?.lowercased() == "http" }

    /// `localhost`, any `127.0.0.0/8` address, or `::1`. Not `localhost.`: a fully qualified
    /// name goes to DNS, which may answer with any address.
    static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        guard let address = IPAddress(name) else { return false }
        return address.isV4 ? address.bytes[0] == 127 : address.bytes == [UInt8](repeating: 0, count: 15) + [1]
    }
}
