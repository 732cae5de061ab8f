import Foundation
import TokenModel
import Yams

/// One item of the `profiles:` list, read, checked against its defaults and resolved into a `Profile`.
struct ProfileEntry {
    static let keys = ["name", "merchant", "accessKey", "secretKey"] + ProfileSettings.keys + perProfileKeys
    /// Keys a profile may have that `defaults` may not.
    static let perProfileKeys = ["sink", "onRefresh"]
    /// Keys that belong elsewhere, with the hint for each (built once, not for every profile).
    static let misplacedKeys = [
        "concurrency": "`concurrency` is a top-level setting; move it out of the profile",
        "defaults": "`defaults` is a top-level block; move it out of the profile",
        "profiles": "profiles cannot nest; list every profile under the top-level `profiles:`",
    ]
    static let nameHint = "use only letters, digits, '.', '_' and '-', e.g. acme-uat"

    /// The resolved profile; nil when this entry has errors (all of them logged).
    var profile: Profile?
    /// The name as written, when it is readable text (for duplicate checks and messages).
    var name: String?
    var nameNode: Node?
    /// The first of `secretKey` and `proxyPassword` that holds a literal secret, with its key.
    var literalSecret: (node: Node, key: String)?
    /// The proxy environment variable this profile would use but cannot (logged by the list, once).
    var proxyProblem: ProxyEnvironment.Problem?
    /// The resolved sink path and the node it was written at (for the duplicate check).
    var sinkPath: (path: String, node: Node)?

    struct Context {
        let environment: [String: String]
        let baseDirectory: String
        let defaults: ProfileSettings
        let proxyEnvironment: ProxyEnvironment
    }

    static func decode(_ node: Node, index: Int, context: Context, log: inout DiagnosticLog) -> ProfileEntry {
        var entry = ProfileEntry()
        let path = "profiles[\(index)]"
        guard
            let mapping = ConfigMapping(
                node, path: path, hint: "start each profile with `- name: ...` and indent its keys under it",
                log: &log)
        else { return entry }
        let errorsBefore = log.errorCount

        if let nameNode = mapping["name"], case .scalar(let scalar) = nameNode, !ConfigValue.isNull(nameNode) {
            entry.name = ConfigValue.detached(scalar.string)
            entry.nameNode = nameNode
        }
        let note = entry.name.map { " (profile \"\($0)\")" } ?? ""
        mapping.checkKeys(keys, note: note, misplaced: misplacedKeys, log: &log)

        let name = decodeName(mapping, note: note, log: &log)
        var merchant = name
        if let node = mapping["merchant"] {
            merchant = ConfigValue.nonEmptyText(
                node, field: mapping.fieldPath("merchant"), note: note,
                hint: "give the merchant's display name, or remove the line to show the profile name", log: &log)
        }
        let own = ProfileSettings.decode(
            from: mapping, note: note, environment: context.environment, baseDirectory: context.baseDirectory,
            log: &log)
        let settings = own.merged(over: context.defaults)
        let accessKey = secret("accessKey", in: mapping, note: note, context: context, log: &log)
        let secretKey = secret("secretKey", in: mapping, note: note, context: context, log: &log)
        if let node = mapping["secretKey"], case .scalar = node {
            entry.literalSecret = (node, "secretKey")
        } else if let node = own.literalProxyPasswordNode {
            entry.literalSecret = (node, "proxyPassword")
        }
        let baseURL = endpointURL(settings, mapping: mapping, note: note, log: &log)
        var sink: TokenSink?
        if let node = mapping["sink"] {
            sink = TokenSink.decode(
                node, field: mapping.fieldPath("sink"), note: note, baseDirectory: context.baseDirectory,
                environment: context.environment, log: &log)
            if let sink {
                var pathNode = node
                if case .mapping(let pairs) = node, let pair = pairs.first(where: { $0.key.scalar?.string == "path" }) {
                    pathNode = pair.value
                }
                entry.sinkPath = (sink.path, pathNode)
            }
        }
        var onRefresh: RefreshHook?
        if let node = mapping["onRefresh"] {
            onRefresh = RefreshHook.decode(node, field: mapping.fieldPath("onRefresh"), note: note, log: &log)
            if mapping["sink"] == nil {
                log.error(
                    mapping.fieldPath("onRefresh"), at: node,
                    "onRefresh runs after a sink write, but there is no sink\(note)",
                    hint: "add `sink: {path: ..., format: raw}` to the profile, or remove onRefresh")
            }
        }

        guard log.errorCount == errorsBefore, let name, let merchant, let accessKey, let secretKey, let baseURL
        else { return entry }
        // The profile's own `proxy:`, else the defaults', else the environment for its base URL.
        // NO_PROXY applies only to the environment's proxies: a `proxy:` in the file is meant.
        var proxy: ProxyServer?
        if let choice = settings.proxy {
            proxy = choice.server
        } else {
            switch context.proxyEnvironment.proxy(for: baseURL) {
            case .success(let server): proxy = server
            case .failure(let problem):
                entry.proxyProblem = problem
                return entry
            }
        }
        entry.profile = Profile(
            name: name, merchant: merchant, environment: settings.endpoint.environment?.rawValue, baseURL: baseURL,
            accessKey: accessKey.reveal(), secretKey: secretKey, headers: settings.headers,
            refresh: RefreshSettings(
                before: settings.refreshBefore ?? RefreshSettings().before,
                timeout: settings.refreshTimeout ?? RefreshSettings().timeout),
            enabled: settings.enabled ?? true, tags: settings.tags,
            allowInsecureHTTP: settings.allowInsecureHTTP ?? false, sink: sink, onRefresh: onRefresh, proxy: proxy)
        return entry
    }

    private static func decodeName(_ mapping: ConfigMapping, note: String, log: inout DiagnosticLog) -> String? {
        guard let node = mapping["name"] else {
            if mapping.hasTypo(of: "name", known: keys) { return nil }
            log.error(
                mapping.fieldPath("name"), at: mapping.node, "missing required key 'name'",
                hint: "add `name: acme-uat` (\(nameHint))")
            return nil
        }
        let field = mapping.fieldPath("name")
        guard let name = ConfigValue.nonEmptyText(node, field: field, note: note, hint: nameHint, log: &log) else {
            return nil
        }
        guard isValidName(name) else {
            log.error(field, at: node, "name '\(name)' contains characters that are not allowed", hint: nameHint)
            return nil
        }
        return name
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-"
            }
    }

    /// Reads and resolves `accessKey` or `secretKey`; reports it missing, malformed or unresolvable.
    private static func secret(
        _ key: String, in mapping: ConfigMapping, note: String, context: Context, log: inout DiagnosticLog
    ) -> SecretString? {
        let field = mapping.fieldPath(key)
        guard let node = mapping[key] else {
            if mapping.hasTypo(of: key, known: keys) { return nil }
            let variable = key == "accessKey" ? "ENKASH_ACCESS_KEY" : "ENKASH_SECRET_KEY"
            log.error(
                field, at: mapping.node, "missing required key '\(key)'\(note)",
                hint: "add `\(key): {env: \(variable)}` (or {file: PATH}, {command: \"...\"})")
            return nil
        }
        guard let reference = SecretReference.decode(node, field: field, note: note, log: &log) else { return nil }
        do {
            let resolved = try reference.resolveNotingExposure(
                environment: context.environment, baseDirectory: context.baseDirectory)
            log.exposedSecretFile(field, at: node, resolved.readableFile, note: note)
            return resolved.secret
        } catch {
            log.error(field, at: node, "\(error.message)\(note)", hint: error.hint)
            return nil
        }
    }

    /// The base URL from the profile or its defaults, with the plain-HTTP rule applied.
    private static func endpointURL(
        _ settings: ProfileSettings, mapping: ConfigMapping, note: String, log: inout DiagnosticLog
    ) -> URL? {
        let endpoint = settings.endpoint
        guard endpoint.given else {
            log.error(
                mapping.fieldPath("environment"), at: mapping.node, "no environment or baseURL\(note)",
                hint: "add `environment:` (one of \(EndpointChoice.presetList)) or `baseURL: https://...`, "
                    + "here or under defaults")
            return nil
        }
        guard !endpoint.invalid, let url = endpoint.url else { return nil }
        if BaseURLRule.isInsecure(url), settings.allowInsecureHTTP != true,
            !BaseURLRule.isLoopback(host: url.host ?? "")
        {
            log.error(
                endpoint.baseURLField, at: endpoint.baseURLNode,
                "plain http:// to '\(url.host ?? "")' would send the secret key unencrypted\(note)",
                hint: "use https://, or set `allowInsecureHTTP: true` on the profile if you accept that "
                    + "(loopback hosts such as 127.0.0.1 are always allowed)")
            return nil
        }
        return url
    }
}
