import Foundation

/// Per-profile refresh settings (from the profile, else the `defaults` block, else built-in).
public struct RefreshSettings: Sendable, Equatable {
    /// Refresh at least this long before expiry (the lead is the larger of this and 15% of lifetime).
    public var before: Duration
    /// Total time allowed for one token request, connect included.
    public var timeout: Duration

    public init(before: Duration = .seconds(120), timeout: Duration = .seconds(10)) {
        self.before = before
        self.timeout = timeout
    }
}

/// One merchant profile, fully resolved: secrets read, base URL chosen, defaults applied.
public struct Profile: Sendable, Equatable, Identifiable {
    public var id: String { name }
    /// Unique; letters, digits, `.`, `_`, `-`.
    public var name: String
    /// Display name of the merchant.
    public var merchant: String
    /// The preset named by `environment`, or nil when the profile gave only a `baseURL`.
    public var environment: String?
    /// Base URL without a trailing slash, e.g. `https://pay-uat.enkash.in`.
    public var baseURL: URL
    public var accessKey: String
    public var secretKey: SecretString
    /// Extra request headers in file order (e.g. `API-Key`).
    public var headers: [HeaderField]
    public var refresh: RefreshSettings
    public var enabled: Bool
    public var tags: [String]
    public var allowInsecureHTTP: Bool
    /// Where the token is written after every successful refresh; nil for none.
    public var sink: TokenSink?
    /// Run after every successful sink write; only with a `sink`.
    public var onRefresh: RefreshHook?
    /// The HTTP proxy token requests go through, already resolved (the profile's `proxy:`, else
    /// the defaults', else the proxy environment variables for `baseURL`); nil goes direct.
    public var proxy: ProxyServer?

    public init(
        name: String, merchant: String, environment: String? = nil, baseURL: URL, accessKey: String,
        secretKey: SecretString, headers: [HeaderField] = [], refresh: RefreshSettings = RefreshSettings(),
        enabled: Bool = true, tags: [String] = [], allowInsecureHTTP: Bool = false,
        sink: TokenSink? = nil, onRefresh: RefreshHook? = nil, proxy: ProxyServer? = nil
    ) {
        self.name = name
        self.merchant = merchant
        self.environment = environment
        self.baseURL = baseURL
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.headers = headers
        self.refresh = refresh
        self.enabled = enabled
        self.tags = tags
        self.allowInsecureHTTP = allowInsecureHTTP
        self.sink = sink
        self.onRefresh = onRefresh
        self.proxy = proxy
    }

    /// True when `other` asks EnKash for a token the same way (same keys, endpoint and headers):
    /// a token issued for one is good for the other.
    public func hasSameCredentials(as other: Profile) -> Bool {
        accessKey == other.accessKey && secretKey == other.secretKey && baseURL == other.baseURL
            && headers == other.headers
    }

    /// The full token endpoint URL.
    public var tokenURL: URL { baseURL.appendingPathComponent("api/v0/merchant/token") }

    /// The host (and port, when not the default) for logs and screens.
    public var hostLabel: String {
        guard let host = baseURL.host else { return baseURL.absoluteString }
        if let port = baseURL.port { return "\(host):\(port)" }
        return host
    }

    /// What a screen shows for the environment: the preset name, else the host.
    public var environmentLabel: String { environment ?? hostLabel }

    /// The access key with all but its first 4 and last 2 characters masked.
    public var maskedAccessKey: String { Self.mask(accessKey) }

    public static func mask(_ key: String) -> String {
        guard key.count > 8 else { return String(repeating: "•", count: max(key.count, 4)) }
        return String(key.prefix(4)) + String(repeating: "•", count: key.count - 6) + String(key.suffix(2))
    }
}

/// One extra HTTP header of a profile.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A loaded profiles file.
public struct ProfileSet: Sendable {
    /// Where the profiles came from: a file path, or `demo`.
    public var source: String
    public var profiles: [Profile]
    /// At most this many token requests at once (top-level `concurrency`, default 8).
    public var concurrency: Int
    /// Non-fatal findings (e.g. a literal secret in a group/world-readable file).
    public var warnings: [ConfigDiagnostic]

    public init(source: String, profiles: [Profile], concurrency: Int = 8, warnings: [ConfigDiagnostic] = []) {
        self.source = source
        self.profiles = profiles
        self.concurrency = concurrency
        self.warnings = warnings
    }
}

/// One problem found in a profiles file: where, which field, what is wrong, what to do.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var file: String
    /// 1-based; nil when the problem is about the file as a whole.
    public var line: Int?
    public var column: Int?
    /// Dotted path of the field, e.g. `profiles[2].secretKey`; empty for the whole file.
    public var field: String
    public var message: String
    /// What the operator should do about it.
    public var hint: String?

    public init(
        _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil, field: String,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `profiles.yaml:12:5: error: profiles[2].secretKey: message (hint)`
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = "\(location): \(severity.rawValue): "
        if !field.isEmpty { text += "\(field): " }
        text += message
        if let hint { text += " — \(hint)" }
        return text
    }
}

/// Thrown when a profiles file has errors; holds all of them, not just the first.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]
    public init(_ diagnostics: [ConfigDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
