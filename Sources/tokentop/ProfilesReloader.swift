import Foundation
import Logging
import TokenModel

/// SIGHUP in the daemon (and `reload` over its socket): read the profiles file again and apply
/// a valid one; log what changed, or every diagnostic of an invalid file.
enum ProfilesReloader {
    /// Reloads through `refresher` and logs the outcome. An invalid file is logged diagnostic by
    /// diagnostic and changes nothing.
    @discardableResult
    static func reload(_ refresher: Refresher, trigger: String, logger: Logger) async -> ReloadSummary {
        let path = refresher.configPath ?? "the profiles file"
        logger.info("\(trigger): reloading \(path)")
        let summary = await refresher.reload()
        if summary.errors.isEmpty {
            logger.info("reload: \(line(summary))")
        } else {
            for error in summary.errors { logger.error("reload: \(DaemonLogLines.oneLine(error))") }
            let running = await refresher.auth.profileNames.count
            let count = summary.errors.count
            logger.error(
                "reload failed: \(path) has \(count) error\(count == 1 ? "" : "s"); still running the previous \(running) profile\(running == 1 ? "" : "s")"
            )
        }
        return summary
    }

    /// `added a; removed -; changed -; updated b; unchanged c, d`
    static func line(_ summary: ReloadSummary) -> String {
        func list(_ names: [String]) -> String { names.isEmpty ? "-" : names.joined(separator: ", ") }
        return "added \(list(summary.added)); removed \(list(summary.removed)); changed \(list(summary.changed)); "
            + "updated \(list(summary.updated)); unchanged \(list(summary.unchanged))"
    }
}
