import TokenModel
import Yams

/// The settings a profile may inherit from `defaults`: each nil/empty when not written.
struct ProfileSettings {
    static let keys =
        ["environment", "baseURL", "headers", "refresh", "enabled", "tags", "allowInsecureHTTP"]
        + ProxyChoice.keys
    static let refreshKeys = ["before", "timeout"]
    static let beforeRange: ClosedRange<Duration> = .zero ... .seconds(24 * 3600)
    static let timeoutRange: ClosedRange<Duration> = .seconds(1) ... .seconds(300)

    var endpoint = EndpointChoice()
    var headers: [HeaderField] = []
    var refreshBefore: Duration?
    var refreshTimeout: Duration?
    var enabled: Bool?
    var tags: [String] = []
    var allowInsecureHTTP: Bool?
    /// `proxy:` with its `proxyPassword:` (resolved); nil when not written here.
    var proxy: ProxyChoice?
    /// This mapping's own `proxyPassword` when it is a literal (not inherited by `merged`).
    var literalProxyPasswordNode: Node?

    /// Reads the inheritable keys of `mapping`; other keys are left to the caller. `environment`
    /// and `baseDirectory` resolve the `proxyPassword` reference.
    static func decode(
        from mapping: ConfigMapping, note: String, environment: [String: String], baseDirectory: String,
        log: inout DiagnosticLog
    ) -> ProfileSettings {
        var settings = ProfileSettings()
        settings.endpoint = EndpointChoice.decode(from: mapping, note: note, log: &log)
        if let node = mapping["headers"] {
            settings.headers = decodeHeaders(node, field: mapping.fieldPath("headers"), note: note, log: &log)
        }
        if let node = mapping["refresh"],
            let refresh = ConfigMapping(
                node, path: mapping.fieldPath("refresh"), note: note,
                hint: "write `refresh: {before: 2m, timeout: 10s}`",
                log: &log)
        {
            refresh.checkKeys(refreshKeys, note: note, log: &log)
            if let before = refresh["before"] {
                settings.refreshBefore = ConfigValue.duration(
                    before, field: refresh.fieldPath("before"), range: beforeRange, minimumExclusive: true,
                    note: note, log: &log)
            }
            if let timeout = refresh["timeout"] {
                settings.refreshTimeout = ConfigValue.duration(
                    timeout, field: refresh.fieldPath("timeout"), range: timeoutRange, note: note, log: &log)
            }
        }
        if let node = mapping["enabled"] {
            settings.enabled = ConfigValue.bool(node, field: mapping.fieldPath("enabled"), note: note, log: &log)
        }
        if let node = mapping["tags"] {
            settings.tags = ConfigValue.textList(node, field: mapping.fieldPath("tags"), note: note, log: &log) ?? []
        }
        if let node = mapping["allowInsecureHTTP"] {
            settings.allowInsecureHTTP = ConfigValue.bool(
                node, field: mapping.fieldPath("allowInsecureHTTP"), note: note, log: &log)
        }
        let proxy = ProxyChoice.decode(
            from: mapping, note: note, environment: environment, baseDirectory: baseDirectory, log: &log)
        settings.proxy = proxy.choice
        settings.literalProxyPasswordNode = proxy.literalPasswordNode
        return settings
    }

    /// `headers:` as a mapping of header name to text, in file order.
    static func decodeHeaders(_ node: Node, field: String, note: String, log: inout DiagnosticLog) -> [HeaderField] {
        guard
            let mapping = ConfigMapping(
                node, path: field, note: note, hint: "write `headers: {API-Key: VALUE}`", log: &log)
        else { return [] }
        var headers: [HeaderField] = []
        for entry in mapping.entries {
            let entryField = "\(field).\(entry.key)"
            if let problem = HeaderFieldRule.nameProblem(entry.key) {
                log.error(
                    entryField, at: entry.keyNode, "\(problem)\(note)",
                    hint: "use a plain header name such as API-Key")
                continue
            }
            if let earlier = headers.first(where: { $0.name.lowercased() == entry.key.lowercased() }) {
                log.error(
                    entryField, at: entry.keyNode,
                    "header '\(entry.key)' is given twice (also as '\(earlier.name)')\(note)",
                    hint: "header names ignore case; keep one of them")
                continue
            }
            guard
                let value = ConfigValue.text(
                    entry.value, field: entryField, note: note,
                    hint: "write `\(entry.key): VALUE`", log: &log)
            else { continue }
            if let problem = HeaderFieldRule.valueProblem(value) {
                log.error(entryField, at: entry.value, "\(problem)\(note)", hint: "put the value on one line")
                continue
            }
            headers.append(HeaderField(name: entry.key, value: value))
        }
        return headers
    }

    /// This profile's settings with `defaults` filled in under them.
    func merged(over defaults: ProfileSettings) -> ProfileSettings {
        var result = self
        if !endpoint.given { result.endpoint = defaults.endpoint }
        let own = Set(headers.map { $0.name.lowercased() })
        result.headers = defaults.headers.filter { !own.contains($0.name.lowercased()) } + headers
        result.refreshBefore = refreshBefore ?? defaults.refreshBefore
        result.refreshTimeout = refreshTimeout ?? defaults.refreshTimeout
        result.enabled = enabled ?? defaults.enabled
        result.tags = defaults.tags + tags.filter { !defaults.tags.contains($0) }
        result.allowInsecureHTTP = allowInsecureHTTP ?? defaults.allowInsecureHTTP
        // `proxy:` travels with its own `proxyPassword`: both from here, or both from defaults.
        result.proxy = proxy ?? defaults.proxy
        return result
    }
}
