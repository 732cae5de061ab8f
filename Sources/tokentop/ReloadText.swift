import TokenModel

/// A reload's outcome in one line for the footer or the log.
enum ReloadText {
    static func describe(_ summary: ReloadSummary) -> String {
        if let first = summary.errors.first {
            let more = summary.errors.count > 1 ? " (and \(summary.errors.count - 1) more)" : ""
            return "profiles file not reloaded, running set unchanged: \(first)\(more)"
        }
        return "profiles file reloaded: \(summary.added.count) added, \(summary.removed.count) removed, "
            + "\(summary.changed.count) changed, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged"
    }
}
