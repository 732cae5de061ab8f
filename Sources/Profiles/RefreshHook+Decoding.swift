import TokenModel
import Yams

extension RefreshHook {
    static let keys = ["command", "timeout"]
    static let timeoutRange: ClosedRange<Duration> = .zero ... .seconds(300)
    static let example =
        "write `onRefresh: \"systemctl reload my-app\"` or `onRefresh: {command: \"...\", timeout: 10s}`"

    /// Reads `onRefresh: "command"` or `onRefresh: {command: "...", timeout: 10s}`.
    static func decode(_ node: Node, field: String, note: String, log: inout DiagnosticLog) -> RefreshHook? {
        switch node {
        case .scalar:
            guard let command = ConfigValue.nonEmptyText(node, field: field, note: note, hint: example, log: &log)
            else { return nil }
            return RefreshHook(command: command)
        case .mapping:
            guard let mapping = ConfigMapping(node, path: field, note: note, hint: example, log: &log) else {
                return nil
            }
            let errorsBefore = log.errorCount
            mapping.checkKeys(keys, note: note, log: &log)
            var command: String?
            if let commandNode = mapping["command"] {
                command = ConfigValue.nonEmptyText(
                    commandNode, field: mapping.fieldPath("command"), note: note, hint: example, log: &log)
            } else {
                log.error(mapping.fieldPath("command"), at: node, "missing `command`\(note)", hint: example)
            }
            var timeout = defaultTimeout
            if let timeoutNode = mapping["timeout"],
                let parsed = ConfigValue.duration(
                    timeoutNode, field: mapping.fieldPath("timeout"), range: timeoutRange, minimumExclusive: true,
                    note: note, log: &log)
            {
                timeout = parsed
            }
            guard log.errorCount == errorsBefore, let command else { return nil }
            return RefreshHook(command: command, timeout: timeout)
        default:
            log.error(
                field, at: node, "must be a command or a mapping, not \(ConfigValue.kind(node))\(note)",
                hint: example)
            return nil
        }
    }
}
