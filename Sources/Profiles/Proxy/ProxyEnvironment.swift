import Foundation
import TokenModel

/// The proxy settings of a process environment, read the way curl reads them.
///
/// - `https_proxy` / `HTTPS_PROXY` for https:// targets, `http_proxy` / `HTTP_PROXY` for http://
///   targets, `all_proxy` / `ALL_PROXY` for either when its own is not set. The lowercase name
///   wins when both are set; a variable set to the empty string counts as not set. (curl ignores
///   uppercase `HTTP_PROXY`, a guard for CGI programs; tokentop is none and reads it.)
/// - A value without scheme means `http://`, without port 1080; `user:password@` is used for
///   Basic proxy authentication. Only HTTP proxies: `socks5://` or `https://` is a `Problem`.
/// - `no_proxy` / `NO_PROXY` (lowercase wins) lists the hosts that go direct (`NoProxyRule`).
///
/// Built from a `[String: String]`; it never reads the process's own environment.
struct ProxyEnvironment: Sendable {
    /// One proxy variable as found: its name, and the proxy or why it is unusable.
    struct Setting: Sendable {
        var variable: String
        var proxy: Result<ProxyServer, ProxyAddressProblem>
    }

    /// A proxy variable that applies to a target but cannot be used.
    struct Problem: Error, Sendable, Equatable {
        var variable: String
        var problem: ProxyAddressProblem

        var message: String { "environment variable \(variable): \(problem.message)" }
        var hint: String {
            "set \(variable) to http://[user:password@]host:port or unset it, or give the profile "
                + "`proxy: http://host:port` or `proxy: none` in the profiles file"
        }
    }

    var http: Setting?
    var https: Setting?
    var noProxy: NoProxyRule

    init(_ environment: [String: String]) {
        func setting(_ names: [String]) -> Setting? {
            for name in names {
                guard let value = environment[name], !value.trimmedWhitespace.isEmpty else { continue }
                return Setting(variable: name, proxy: ProxyAddress.parse(value, rules: .environment))
            }
            return nil
        }
        let all = ["all_proxy", "ALL_PROXY"]
        http = setting(["http_proxy", "HTTP_PROXY"] + all)
        https = setting(["https_proxy", "HTTPS_PROXY"] + all)
        let noProxyText = ["no_proxy", "NO_PROXY"].lazy.compactMap { environment[$0] }
            .first { !$0.trimmedWhitespace.isEmpty }
        noProxy = NoProxyRule(noProxyText ?? "")
    }

    /// True when no variable names a proxy (every target goes direct).
    var isEmpty: Bool { http == nil && https == nil }

    /// The proxy for a request to `url`: nil to go direct (no variable for its scheme, or
    /// `NO_PROXY` lists its host), or the problem of the variable that would apply.
    func proxy(for url: URL) -> Result<ProxyServer?, Problem> {
        guard !isEmpty else { return .success(nil) }
        let scheme = url.scheme?.lowercased()
        guard let setting = scheme == "https" ? https : scheme == "http" ? http : nil else { return .success(nil) }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if noProxy.bypasses(host: url.host ?? "", port: port) { return .success(nil) }
        switch setting.proxy {
        case .success(let proxy): return .success(proxy)
        case .failure(let problem): return .failure(Problem(variable: setting.variable, problem: problem))
        }
    }
}
