import Foundation
import TokenModel
import Yams

/// Walks the composed YAML of a profiles file: top-level keys, `defaults`, then every profile.
struct ProfilesDecoder {
    static let topLevelKeys = ["concurrency", "defaults", "profiles"]
    static let concurrencyRange = 1...256
    static let defaultConcurrency = 8
    static let profilesHint = "add profiles as a list, each starting with `- name: ...` (see `tokentop init`)"

    struct Result {
        var profiles: [Profile] = []
        var concurrency = ProfilesDecoder.defaultConcurrency
        /// The first `secretKey` written as a literal, with its field path (for the permission warning).
        var firstLiteralSecret: (node: Node, field: String)?
    }

    let environment: [String: String]
    let baseDirectory: String
    /// The proxy variables of `environment`, read once for every profile.
    let proxyEnvironment: ProxyEnvironment

    init(environment: [String: String], baseDirectory: String) {
        self.environment = environment
        self.baseDirectory = baseDirectory
        proxyEnvironment = ProxyEnvironment(environment)
    }

    /// Decodes the composed document `root`: top-level keys, `defaults`, then every profile.
    func decode(_ root: Node?, log: inout DiagnosticLog) -> Result {
        var result = Result()
        guard let root, !ConfigValue.isNull(root) else {
            log.error(
                "", at: nil, "the file is empty",
                hint: "run `tokentop init` to write a commented template, or add a `profiles:` list")
            return result
        }
        guard
            let top = ConfigMapping(
                root, path: "", hint: "the file must be a mapping with a `profiles:` list (see `tokentop init`)",
                log: &log)
        else { return result }

        var misplaced: [String: String] = [:]
        for key in ProfileEntry.keys {
            misplaced[key] =
                "'\(key)' belongs inside a profile (under `profiles:`, each starting with `- name:`)"
                + (ProfileSettings.keys.contains(key) ? " or under `defaults:`" : "")
        }
        top.checkKeys(Self.topLevelKeys, misplaced: misplaced, log: &log)

        if let node = top["concurrency"] {
            result.concurrency =
                ConfigValue.integer(node, field: "concurrency", range: Self.concurrencyRange, log: &log)
                ?? Self.defaultConcurrency
        }
        let defaults = decodeDefaults(top["defaults"], log: &log)
        decodeProfiles(top, defaults: defaults, into: &result, log: &log)
        return result
    }

    func decodeDefaults(_ node: Node?, log: inout DiagnosticLog) -> ProfileSettings {
        guard let node,
            let mapping = ConfigMapping(
                node, path: "defaults", hint: "write `defaults:` followed by indented `key: value` lines", log: &log)
        else { return ProfileSettings() }
        var misplaced: [String: String] = [:]
        for key in ["name", "merchant", "accessKey", "secretKey"] + ProfileEntry.perProfileKeys {
            misplaced[key] =
                "set '\(key)' in each profile; defaults may hold only "
                + ProfileSettings.keys.joined(separator: ", ")
        }
        mapping.checkKeys(ProfileSettings.keys, misplaced: misplaced, log: &log)
        return ProfileSettings.decode(
            from: mapping, note: "", environment: environment, baseDirectory: baseDirectory, log: &log)
    }

    func context(_ defaults: ProfileSettings) -> ProfileEntry.Context {
        ProfileEntry.Context(
            environment: environment, baseDirectory: baseDirectory, defaults: defaults,
            proxyEnvironment: proxyEnvironment)
    }

    private func decodeProfiles(
        _ top: ConfigMapping, defaults: ProfileSettings, into result: inout Result, log: inout DiagnosticLog
    ) {
        let hint = Self.profilesHint
        guard let node = top["profiles"] else {
            log.error("profiles", at: top.node, "no `profiles:` list", hint: hint)
            return
        }
        if ConfigValue.isNull(node) {
            log.error("profiles", at: node, "no profiles", hint: hint)
            return
        }
        guard case .sequence(let items) = node else {
            log.error("profiles", at: node, "`profiles` must be a list, not \(ConfigValue.kind(node))", hint: hint)
            return
        }
        guard !items.isEmpty else {
            log.error("profiles", at: node, "no profiles", hint: hint)
            return
        }
        var list = ProfileListBuilder(context: context(defaults))
        list.reserve(items.count)
        for (index, item) in items.enumerated() {
            list.add(item, index: index, log: &log)
        }
        result.profiles = list.profiles
        result.firstLiteralSecret = Self.earlier(
            defaults.literalProxyPasswordNode.map { ($0, "defaults.proxyPassword") }, list.firstLiteralSecret)
    }

    /// The literal secret written first in the file.
    static func earlier(
        _ a: (node: Node, field: String)?, _ b: (node: Node, field: String)?
    ) -> (node: Node, field: String)? {
        guard let a, let b else { return a ?? b }
        return (b.node.mark?.line ?? 0) < (a.node.mark?.line ?? 0) ? b : a
    }
}
