import Foundation
import TokenModel
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension TokenSink {
    static let keys = ["path", "format", "mode"]
    static let example = "write `sink: {path: ~/.cache/enkash/acme.token, format: raw}`"

    /// Reads `sink: {path, format, mode}`; a bare text value is taken as the path (format raw).
    static func decode(
        _ node: Node, field: String, note: String, baseDirectory: String, environment: [String: String],
        log: inout DiagnosticLog
    ) -> TokenSink? {
        if case .scalar = node, !ConfigValue.isNull(node) {
            guard
                let path = decodePath(
                    node, field: field, note: note, baseDirectory: baseDirectory,
                    environment: environment, log: &log)
            else { return nil }
            return TokenSink(path: path)
        }
        guard let mapping = ConfigMapping(node, path: field, note: note, hint: example, log: &log) else { return nil }
        let errorsBefore = log.errorCount
        mapping.checkKeys(keys, note: note, log: &log)
        var path: String?
        if let pathNode = mapping["path"] {
            path = decodePath(
                pathNode, field: mapping.fieldPath("path"), note: note, baseDirectory: baseDirectory,
                environment: environment, log: &log)
        } else {
            log.error(mapping.fieldPath("path"), at: node, "a sink needs a `path`\(note)", hint: example)
        }
        var format = TokenSinkFormat.raw
        if let formatNode = mapping["format"] {
            format = decodeFormat(formatNode, field: mapping.fieldPath("format"), note: note, log: &log) ?? .raw
        }
        var mode = defaultMode
        if let modeNode = mapping["mode"] {
            mode = decodeMode(modeNode, field: mapping.fieldPath("mode"), note: note, log: &log) ?? defaultMode
        }
        guard log.errorCount == errorsBefore, let path else { return nil }
        return TokenSink(path: path, format: format, mode: mode)
    }

    private static func decodePath(
        _ node: Node, field: String, note: String, baseDirectory: String, environment: [String: String],
        log: inout DiagnosticLog
    ) -> String? {
        let hint =
            "give the file the token is written to, e.g. ~/.cache/enkash/acme.token "
            + "(a relative path is relative to the profiles file's directory)"
        guard let text = ConfigValue.nonEmptyText(node, field: field, note: note, hint: hint, log: &log) else {
            return nil
        }
        if text.hasSuffix("/") || text == "~" || text == "." || text == ".." || text.hasSuffix("/.")
            || text.hasSuffix("/..")
        {
            log.error(field, at: node, "'\(text)' names a directory, not a file\(note)", hint: hint)
            return nil
        }
        if text.contains("\0") {
            log.error(field, at: node, "the path contains a NUL character\(note)", hint: hint)
            return nil
        }
        let full = PathExpansion.expand(text, baseDirectory: baseDirectory, environment: environment)
        var info = stat()
        // lstat: a symlink at the sink path is replaced by the writer, whatever it points at.
        if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            log.error(
                field, at: node, "\(full) is a directory\(note)", hint: "name a file inside it, e.g. \(full)/token")
            return nil
        }
        return full
    }

    private static func decodeFormat(
        _ node: Node, field: String, note: String, log: inout DiagnosticLog
    ) -> TokenSinkFormat? {
        let hint = "write one of \(TokenSinkFormat.list) (default raw)"
        guard case .scalar(let scalar) = node, !ConfigValue.isNull(node) else {
            log.error(field, at: node, "must be a format name, not \(ConfigValue.kind(node))\(note)", hint: hint)
            return nil
        }
        let word = scalar.string.trimmingCharacters(in: .whitespaces)
        if let format = TokenSinkFormat(rawValue: word.lowercased()) { return format }
        let names = TokenSinkFormat.allCases.map(\.rawValue)
        log.error(
            field, at: node, "unknown sink format '\(word)'\(DidYouMean.clause(word, from: names))\(note)", hint: hint)
        return nil
    }

    /// An octal mode such as `0600`, `"0640"`, `600` or `0o600`: digits are always read as octal, as chmod does.
    private static func decodeMode(_ node: Node, field: String, note: String, log: inout DiagnosticLog) -> mode_t? {
        let hint = "write an octal mode such as \"0600\" (the default) or \"0640\"; the owner needs read and write"
        guard case .scalar(let scalar) = node, !ConfigValue.isNull(node) else {
            log.error(field, at: node, "must be an octal mode, not \(ConfigValue.kind(node))\(note)", hint: hint)
            return nil
        }
        var digits = Substring(scalar.string.trimmingCharacters(in: .whitespaces))
        if digits.hasPrefix("0o") || digits.hasPrefix("0O") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ ("0"..."7").contains($0) }),
            let value = mode_t(digits, radix: 8)
        else {
            log.error(field, at: node, "'\(scalar.string)' is not an octal file mode\(note)", hint: hint)
            return nil
        }
        guard value <= 0o777 else {
            log.error(field, at: node, "mode \(scalar.string) sets setuid/setgid/sticky bits\(note)", hint: hint)
            return nil
        }
        guard value & 0o600 == 0o600 else {
            log.error(
                field, at: node, "mode \(scalar.string) does not let the owner read and write the file\(note)",
                hint: hint)
            return nil
        }
        if value & 0o111 != 0 {
            log.error(field, at: node, "mode \(scalar.string) makes the token file executable\(note)", hint: hint)
            return nil
        }
        if value & 0o007 != 0 {
            log.warning(
                field, at: node, "mode \(scalar.string) lets every user on this machine read the token\(note)",
                hint: "use 0600, or 0640 with a group for the programs that read it")
        }
        return value
    }
}
