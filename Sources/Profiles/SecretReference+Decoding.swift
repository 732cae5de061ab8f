import TokenModel
import Yams

extension SecretReference {
    static let referenceKeys = ["env", "file", "command", "timeout"]
    static let referenceHint = "write the value, or a reference: {env: VAR}, {file: PATH} or {command: \"...\"}"
    static let commandTimeoutRange: ClosedRange<Duration> = .zero ... .seconds(300)

    /// Reads a literal or a `{env:}` / `{file:}` / `{command:, timeout:}` mapping; logs what is wrong.
    static func decode(_ node: Node, field: String, note: String, log: inout DiagnosticLog) -> SecretReference? {
        switch node {
        case .scalar(let scalar):
            guard !ConfigValue.isNull(node), !scalar.string.trimmedSpaces.isEmpty else {
                log.error(field, at: node, "is empty\(note)", hint: referenceHint)
                return nil
            }
            return .literal(SecretString(ConfigValue.detached(scalar.string)))
        case .mapping:
            return decodeReference(node, field: field, note: note, log: &log)
        default:
            log.error(
                field, at: node, "must be text or a reference, not \(ConfigValue.kind(node))\(note)",
                hint: referenceHint)
            return nil
        }
    }

    private static func decodeReference(
        _ node: Node, field: String, note: String, log: inout DiagnosticLog
    ) -> SecretReference? {
        guard let mapping = ConfigMapping(node, path: field, note: note, log: &log) else { return nil }
        let errorsBefore = log.errorCount
        mapping.checkKeys(referenceKeys, note: note, log: &log)
        let kinds = ["env", "file", "command"].filter { mapping[$0] != nil }
        // `{evn: X}`: the unknown key's message (with its did-you-mean and the known keys) says it all.
        if kinds.isEmpty, log.errorCount > errorsBefore { return nil }
        guard kinds.count == 1, let kind = kinds.first, let valueNode = mapping[kind] else {
            let problem =
                kinds.isEmpty
                ? "a reference needs one of env, file or command"
                : "a reference takes only one of env, file or command, not \(kinds.joined(separator: " and "))"
            log.error(field, at: node, "\(problem)\(note)", hint: referenceHint)
            return nil
        }
        let valueField = mapping.fieldPath(kind)
        guard let value = ConfigValue.text(valueNode, field: valueField, note: note, log: &log)?.trimmedWhitespace
        else { return nil }
        guard !value.isEmpty else {
            log.error(valueField, at: valueNode, "is empty\(note)", hint: emptyReferenceHint(kind, field: field))
            return nil
        }
        var timeout = defaultCommandTimeout
        if let timeoutNode = mapping["timeout"] {
            if kind != "command" {
                log.error(
                    mapping.fieldPath("timeout"), at: timeoutNode,
                    "timeout applies only to a {command: ...} reference\(note)", hint: "remove `timeout`")
            } else if let parsed = ConfigValue.duration(
                timeoutNode, field: mapping.fieldPath("timeout"), range: commandTimeoutRange,
                minimumExclusive: true, note: note, log: &log)
            {
                timeout = parsed
            }
        }
        if kind == "env", !isVariableName(value) {
            log.error(
                valueField, at: valueNode, "'\(value)' is not an environment variable name\(note)",
                hint: "write the variable's name without `$`, e.g. {env: ENKASH_SECRET_KEY}")
        }
        guard log.errorCount == errorsBefore else { return nil }
        switch kind {
        case "env": return .env(value)
        case "file": return .file(value)
        default: return .command(value, timeout: timeout)
        }
    }

    /// How to fill an empty `{env: ""}`, `{file: ""}` or `{command: ""}`.
    static func emptyReferenceHint(_ kind: String, field: String) -> String {
        switch kind {
        case "env":
            let variable =
                field.hasSuffix("accessKey")
                ? "ENKASH_ACCESS_KEY"
                : field.hasSuffix("secretKey") ? "ENKASH_SECRET_KEY" : "PROXY_PASSWORD"
            return "name the environment variable that holds the value, e.g. {env: \(variable)}"
        case "file":
            return "give the path of a file whose first line is the value, e.g. {file: ~/.secrets/enkash}"
        default:
            return "write the command that prints the value, e.g. {command: \"pass show enkash\"}"
        }
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic)
                || ("0"..."9").contains($0)
        }
    }

    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}
