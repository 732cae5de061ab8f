import Yams

extension ProfilesLoader {
    /// Composes `yaml` and decodes it, reading the `profiles:` list one item at a time when it can.
    ///
    /// Two passes over the text: the first only checks the YAML (syntax, aliases, duplicate keys,
    /// a single document) and counts the items, without building them (but keys and anchored nodes), so no
    /// secret command runs for a file that is not valid YAML (as with the whole-tree path); the
    /// second decodes each item as it is composed. The list is kept whole, as before, when it has an
    /// anchor or when a top-level `defaults:` comes after it (the items need the defaults).
    /// `stream: false` composes the whole tree in one pass with the same composer (its duplicate-key
    /// check is cheaper than Yams' for small mappings: `validate` of 10,000 profiles 0.27-0.30 →
    /// 0.20-0.21 s); marks that cannot be built fall back to `Yams.compose`.
    static func composeAndDecode(
        yaml: String, file: String, decoder: ProfilesDecoder, stream: Bool, log: inout DiagnosticLog
    ) throws(ConfigError) -> ProfilesDecoder.Result {
        guard YamlMark.isUsable else {
            let root: Node?
            do {
                root = try Yams.compose(yaml: yaml, .basic)
            } catch {
                throw ConfigError([YamlErrorDiagnostic.make(error, yaml: yaml, file: file)])
            }
            return decoder.decode(root, log: &log)
        }
        guard stream else {
            let root: Node?
            do {
                root = try StreamingComposer.compose(yaml: yaml, resolver: .basic) { _ in nil }.root
            } catch {
                throw ConfigError([YamlErrorDiagnostic.make(error, yaml: yaml, file: file)])
            }
            return decoder.decode(root, log: &log)
        }
        do {
            let checked = try StreamingComposer.compose(yaml: yaml, resolver: .basic, checkOnly: true) { _ in { _, _ in } }
            guard checked.streamed else { return decoder.decode(checked.root, log: &log) }
            let itemCount = checked.streamedItems
            let hasDefaults = checked.root.map { firstValue(of: "defaults", in: $0) != nil } ?? false

            var streamed: StreamedProfiles?
            let document = try StreamingComposer.compose(yaml: yaml, resolver: .basic) { pairs in
                let defaultsNode = pairs.first { StreamingComposer.isKey($0.0, "defaults") }?.1
                if hasDefaults, defaultsNode == nil { return nil }
                var defaultsLog = DiagnosticLog(file: file)
                let defaults = decoder.decodeDefaults(defaultsNode, log: &defaultsLog)
                var list = ProfileListBuilder(context: decoder.context(defaults))
                list.reserve(itemCount)
                let state = StreamedProfiles(defaults: defaults, defaultsLog: defaultsLog, list: list)
                streamed = state
                return { item, index in state.add(item, index: index) }
            }
            return decoder.decode(document.root, streamed: streamed, log: &log)
        } catch {
            throw ConfigError([YamlErrorDiagnostic.make(error, yaml: yaml, file: file)])
        }
    }

    private static func firstValue(of key: String, in root: Node) -> Node? {
        guard case .mapping(let mapping) = root else { return nil }
        return mapping.first { StreamingComposer.isKey($0.key, key) }?.value
    }
}
