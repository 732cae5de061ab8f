import Foundation
import TokenModel
import Yams

/// Reads a sandbox credentials file: a YAML list, one item per merchant key.
///
/// ```yaml
/// - accessKey: AK-acme-0001
///   secretKey: s3cret
///   merchant: Acme Pay          # optional display name
///   lifetime: 5m                # default: --token-lifetime
///   latency: 200ms..2s          # or a fixed 500ms
///   failRate: 0.2               # 500/502/503
///   hangRate: 0.05              # accept, never answer
///   malformedRate: 0.1          # 200 with broken JSON
///   rateLimitRate: 0.1          # 429 + Retry-After
///   retryAfter: 5s
///   expiryInSeconds: false      # legacy: expiry in seconds, not ms
///   skew: -90s                  # shifts Date header and expiry
///   lockAfter: 3                # consecutive wrong secrets before 403
///   locked: false
/// ```
///
/// Every problem found is reported (not just the first), with file, line, field and a fix.
public enum SandboxCredentialsFile {
    static let fields = [
        "accessKey", "secretKey", "merchant", "lifetime", "latency", "failRate", "hangRate", "malformedRate",
        "rateLimitRate", "retryAfter", "expiryInSeconds", "skew", "lockAfter", "locked",
    ]

    public static func load(path: String) throws(ConfigError) -> [SandboxCredential] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError([
                ConfigDiagnostic(
                    file: path, field: "", message: "cannot read the credentials file (\(error.localizedDescription))",
                    hint: "check the path given to --credentials")
            ])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses the text of a credentials file; `file` names it in diagnostics.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> [SandboxCredential] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError([syntaxDiagnostic(error, file: file)])
        }
        guard let root, let items = root.sequence else {
            throw ConfigError([
                ConfigDiagnostic(
                    file: file, line: root?.mark?.line, field: "",
                    message: root == nil ? "the file is empty" : "expected a list of credentials",
                    hint: "write one item per key, starting '- accessKey: ...' with secretKey under it")
            ])
        }
        var reader = Reader(file: file)
        var credentials: [SandboxCredential] = []
        var firstLine: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let credential = reader.credential(item, index: index) else { continue }
            let line = item.mark?.line ?? 0
            if let previous = firstLine[credential.accessKey] {
                reader.report(
                    item, field: "[\(index)].accessKey", "repeats the access key of the item on line \(previous)",
                    hint: "give each credential its own accessKey")
            } else {
                firstLine[credential.accessKey] = line
            }
            credentials.append(credential)
        }
        if !reader.diagnostics.isEmpty { throw ConfigError(reader.diagnostics) }
        return credentials
    }

    private static func syntaxDiagnostic(_ error: any Error, file: String) -> ConfigDiagnostic {
        let hint = "fix the YAML syntax (indent with spaces; quote values containing ': ' or '#')"
        guard let yamlError = error as? YamlError else {
            return ConfigDiagnostic(file: file, field: "", message: "not valid YAML: \(error)", hint: hint)
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigDiagnostic(
                file: file, line: mark.line, column: mark.column, field: "", message: "not valid YAML: \(problem)",
                hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigDiagnostic(
                file: file, line: context.mark.line, column: context.mark.column, field: "",
                message: "a key appears twice in one item: \(duplicates.joined(separator: ", "))",
                hint: "keep one of them")
        default:
            return ConfigDiagnostic(file: file, field: "", message: "not valid YAML: \(yamlError)", hint: hint)
        }
    }
}

extension SandboxCredentialsFile {
    /// Reads items and collects diagnostics.
    fileprivate struct Reader {
        let file: String
        var diagnostics: [ConfigDiagnostic] = []

        mutating func report(_ node: Node, field: String, _ message: String, hint: String? = nil) {
            diagnostics.append(
                ConfigDiagnostic(
                    file: file, line: node.mark?.line, column: node.mark?.column, field: field, message: message,
                    hint: hint))
        }

        /// The credential of one list item, or nil (with diagnostics) when it has errors.
        mutating func credential(_ item: Node, index: Int) -> SandboxCredential? {
            let prefix = "[\(index)]"
            guard let mapping = item.mapping else {
                report(
                    item, field: prefix, "expected a mapping with accessKey and secretKey",
                    hint: "indent the fields under '- '")
                return nil
            }
            let before = diagnostics.count
            var values: [String: Node] = [:]
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                guard fields.contains(key) else {
                    let suggestion = fields.first { $0.lowercased() == key.lowercased() }
                    report(
                        keyNode, field: "\(prefix).\(key)", "unknown field",
                        hint: suggestion.map { "did you mean '\($0)'?" }
                            ?? "known fields: \(fields.joined(separator: ", "))")
                    continue
                }
                values[key] = value
            }

            let accessKey = text(values, "accessKey", prefix, in: item, required: true)
            let secretKey = text(values, "secretKey", prefix, in: item, required: true, secret: true)
            var credential = SandboxCredential(accessKey: accessKey ?? "", secretKey: SecretString(secretKey ?? ""))
            credential.merchant = text(values, "merchant", prefix, in: item)
            credential.lifetime = duration(values, "lifetime", prefix)
            if let node = values["latency"] {
                do {
                    credential.latency = try SandboxLatency.parse(node.string ?? "")
                } catch {
                    report(node, field: "\(prefix).latency", error.description)
                }
            }
            credential.failRate = rate(values, "failRate", prefix)
            credential.hangRate = rate(values, "hangRate", prefix)
            credential.malformedRate = rate(values, "malformedRate", prefix)
            credential.rateLimitRate = rate(values, "rateLimitRate", prefix)
            credential.retryAfter = duration(values, "retryAfter", prefix) ?? credential.retryAfter
            credential.expiryInSeconds = flag(values, "expiryInSeconds", prefix)
            credential.skew = signedDuration(values, "skew", prefix)
            credential.locked = flag(values, "locked", prefix)
            if let node = values["lockAfter"] {
                if let count = node.int, count >= 1 {
                    credential.lockAfter = count
                } else {
                    report(
                        node, field: "\(prefix).lockAfter",
                        "'\(node.string ?? "")' is not a whole number of at least 1", hint: "e.g. lockAfter: 3")
                }
            }
            if let lifetime = credential.lifetime, lifetime <= .zero, let node = values["lifetime"] {
                report(node, field: "\(prefix).lifetime", "must be longer than zero", hint: "e.g. lifetime: 5m")
            }
            return diagnostics.count == before ? credential : nil
        }

        private mutating func text(
            _ values: [String: Node], _ field: String, _ prefix: String, in item: Node, required: Bool = false,
            secret: Bool = false
        ) -> String? {
            guard let node = values[field] else {
                if required {
                    report(item, field: "\(prefix).\(field)", "is missing", hint: "add '\(field): ...' to this item")
                }
                return nil
            }
            guard node.scalar != nil, let value = node.string, !value.isEmpty else {
                // Never echo a secret's value, even a wrong-looking one.
                report(
                    node, field: "\(prefix).\(field)",
                    secret ? "must be a non-empty text value" : "must be non-empty text",
                    hint: "quote it if it looks like a number or a boolean")
                return nil
            }
            return value
        }

        private mutating func duration(_ values: [String: Node], _ field: String, _ prefix: String) -> Duration? {
            guard let node = values[field] else { return nil }
            do {
                return try DurationText.parse(node.string ?? "")
            } catch {
                report(node, field: "\(prefix).\(field)", error.description)
                return nil
            }
        }

        /// A duration that may be negative (`-90s`).
        private mutating func signedDuration(_ values: [String: Node], _ field: String, _ prefix: String) -> Duration {
            guard let node = values[field] else { return .zero }
            var textValue = (node.string ?? "").trimmingCharacters(in: .whitespaces)
            let negative = textValue.hasPrefix("-")
            if negative || textValue.hasPrefix("+") { textValue.removeFirst() }
            do {
                let magnitude = try DurationText.parse(textValue)
                return negative ? .zero - magnitude : magnitude
            } catch {
                report(
                    node, field: "\(prefix).\(field)", error.description,
                    hint: "a leading '-' makes the clock run behind, e.g. -90s")
                return .zero
            }
        }

        private mutating func rate(_ values: [String: Node], _ field: String, _ prefix: String) -> Double {
            guard let node = values[field] else { return 0 }
            guard let value = node.float, (0...1).contains(value) else {
                report(
                    node, field: "\(prefix).\(field)", "'\(node.string ?? "")' is not a probability between 0 and 1",
                    hint: "e.g. \(field): 0.25 for one request in four")
                return 0
            }
            return value
        }

        private mutating func flag(_ values: [String: Node], _ field: String, _ prefix: String) -> Bool {
            guard let node = values[field] else { return false }
            guard let value = node.bool else {
                report(node, field: "\(prefix).\(field)", "'\(node.string ?? "")' is not true or false")
                return false
            }
            return value
        }
    }
}
