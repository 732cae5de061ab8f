import Foundation

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
