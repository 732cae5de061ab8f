import TokenModel
import Yams

/// Typed readers for YAML values. Each logs a diagnostic at the offending node and returns nil
/// when the value has the wrong type or shape; `note` names the profile (` (profile "acme")`).
enum ConfigValue {
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// "a list", "a mapping", "text"... for messages.
    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar:
            if isNull(node) { "nothing" } else if Int(node.scalar?.string ?? "") != nil { "a number" } else { "text" }
        }
    }

    /// `'maybe'` for a scalar, else its kind ("a list", "nothing"...), for "must be X, not Y" messages.
    static func shown(_ node: Node) -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else { return kind(node) }
        return "'\(scalar.string)'"
    }

    /// A text value. A null value reads as the empty string (callers decide whether empty is allowed).
    static func text(
        _ node: Node, field: String, note: String = "", hint: String? = nil, log: inout DiagnosticLog
    ) -> String? {
        guard case .scalar(let scalar) = node else {
            log.error(field, at: node, "must be text, not \(kind(node))\(note)", hint: hint)
            return nil
        }
        return isNull(node) ? "" : detached(scalar.string)
    }

    /// `text` in storage of its own. A scalar's string lives among the composed document's nodes;
    /// a profile that kept it would pin those pages after loading, so that memory could not be
    /// given back to the system (`malloc_trim` after `ProfilesLoader.load`).
    static func detached(_ text: String) -> String {
        let count = text.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(from: text.utf8)
            return count
        }
    }

    /// Text that must not be empty after trimming whitespace.
    static func nonEmptyText(
        _ node: Node, field: String, note: String = "", hint: String? = nil, log: inout DiagnosticLog
    ) -> String? {
        guard let value = text(node, field: field, note: note, hint: hint, log: &log) else { return nil }
        let trimmed = value.trimmedWhitespace
        guard !trimmed.isEmpty else {
            log.error(field, at: node, "is empty\(note)", hint: hint)
            return nil
        }
        return trimmed
    }

    static func bool(_ node: Node, field: String, note: String = "", log: inout DiagnosticLog) -> Bool? {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        let found = shown(node)
        log.error(field, at: node, "must be true or false, not \(found)\(note)", hint: "write `true` or `false`")
        return nil
    }

    static func integer(
        _ node: Node, field: String, range: ClosedRange<Int>, note: String = "", log: inout DiagnosticLog
    ) -> Int? {
        let hint = "write a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmedSpaces)
        else {
            let found = shown(node)
            log.error(field, at: node, "must be a whole number, not \(found)\(note)", hint: hint)
            return nil
        }
        guard range.contains(value) else {
            log.error(field, at: node, "\(value) is out of range\(note)", hint: hint)
            return nil
        }
        return value
    }

    /// A duration such as `90s`, `5m`, `1h30m`, `250ms` that must lie in `range`.
    static func duration(
        _ node: Node, field: String, range: ClosedRange<Duration>, minimumExclusive: Bool = false,
        note: String = "", log: inout DiagnosticLog
    ) -> Duration? {
        let lower =
            minimumExclusive ? "more than \(describe(range.lowerBound))" : "at least \(describe(range.lowerBound))"
        let hint = "write a duration \(lower) and at most \(describe(range.upperBound)), e.g. 90s, 5m or 1h"
        guard case .scalar(let scalar) = node, !isNull(node) else {
            log.error(field, at: node, "must be a duration, not \(kind(node))\(note)", hint: hint)
            return nil
        }
        let value: Duration
        do {
            value = try DurationText.parse(scalar.string)
        } catch {
            log.error(field, at: node, "'\(scalar.string)' is not a duration\(note)", hint: hint)
            return nil
        }
        let tooSmall = minimumExclusive ? value <= range.lowerBound : value < range.lowerBound
        guard !tooSmall, value <= range.upperBound else {
            log.error(field, at: node, "\(scalar.string) is out of range\(note)", hint: hint)
            return nil
        }
        return value
    }

    /// `0s`, `1s`, `5m`, `24h`: whole hours stay hours, so a limit reads as it is usually written.
    static func describe(_ duration: Duration) -> String {
        let seconds = Int64(duration.seconds)
        if seconds == 0 { return "0s" }
        if seconds % 3600 == 0, Duration.seconds(seconds) == duration { return "\(seconds / 3600)h" }
        return DurationText.format(duration)
    }

    /// A list of non-empty text values; a single word is refused with a hint to write a list.
    static func textList(_ node: Node, field: String, note: String = "", log: inout DiagnosticLog) -> [String]? {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            let example = node.scalar.map { "[\($0.string)]" } ?? "[prod, team-a]"
            log.error(field, at: node, "must be a list, not \(kind(node))\(note)", hint: "write `\(example)`")
            return nil
        }
        var values: [String] = []
        var ok = true
        for (index, item) in sequence.enumerated() {
            guard let value = nonEmptyText(item, field: "\(field)[\(index)]", note: note, log: &log) else {
                ok = false
                continue
            }
            if !values.contains(value) { values.append(value) }
        }
        return ok ? values : nil
    }
}
