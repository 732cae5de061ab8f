import TokenModel
import Yams

/// A YAML mapping from a profiles file, with its dotted path and string keys, checked against known keys.
struct ConfigMapping {
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    let node: Node
    /// Dotted path of this mapping: empty for the top level, `defaults`, `profiles[2].refresh`...
    let path: String
    let entries: [Entry]

    /// Reads `node` as a mapping; logs an error and returns nil when it is anything else.
    /// A null node (`key:` with nothing after it) counts as an empty mapping.
    init?(_ node: Node, path: String, note: String = "", hint: String? = nil, log: inout DiagnosticLog) {
        if ConfigValue.isNull(node) {
            self.init(node: node, path: path, entries: [])
            return
        }
        guard case .mapping(let mapping) = node else {
            let subject = path.isEmpty ? "the file " : ""
            log.error(
                path, at: node,
                "\(subject)must be a mapping of `key: value` lines, not \(ConfigValue.kind(node))\(note)",
                hint: hint)
            return nil
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                log.error(
                    path, at: key, "a key must be a plain word, not \(ConfigValue.kind(key))\(note)",
                    hint: "write keys as `name: value`")
                continue
            }
            entries.append(Entry(key: scalar.string, keyNode: key, value: value))
        }
        self.init(node: node, path: path, entries: entries)
    }

    private init(node: Node, path: String, entries: [Entry]) {
        self.node = node
        self.path = path
        self.entries = entries
    }

    subscript(key: String) -> Node? {
        // By index: `first(where:)` copied every entry it passed (a key and two nodes, each retained).
        for index in entries.indices where entries[index].key == key { return entries[index].value }
        return nil
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// True when an unknown key here is a likely typo of `key` (`secretkey` for `secretKey`):
    /// `checkKeys` has already said so with a did-you-mean, so "missing `key`" would only repeat it.
    func hasTypo(of key: String, known: [String]) -> Bool {
        entries.contains { !known.contains($0.key) && DidYouMean.suggest($0.key, from: known) == key }
    }

    /// Logs every key that is not in `known`, with a did-you-mean. `misplaced` gives a special hint
    /// for keys that are valid elsewhere (e.g. `accessKey` in `defaults`).
    func checkKeys(
        _ known: [String], note: String = "", misplaced: [String: String] = [:], log: inout DiagnosticLog
    ) {
        for entry in entries where !known.contains(entry.key) {
            let field = fieldPath(entry.key)
            if let hint = misplaced[entry.key] {
                log.error(field, at: entry.keyNode, "'\(entry.key)' is not allowed here\(note)", hint: hint)
                continue
            }
            let placement = path.isEmpty ? "at the top level" : "in \(path)"
            log.error(
                field, at: entry.keyNode,
                "unknown key '\(entry.key)' \(placement)\(DidYouMean.clause(entry.key, from: known))\(note)",
                hint: "known keys \(placement): \(known.joined(separator: ", "))")
        }
    }
}
