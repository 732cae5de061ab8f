import Foundation
import Logging
import TokentopCore

/// SIGHUP in the daemon: read the profiles file again and hand a valid one to the auth service.
enum ProfilesReloader {
    /// What a reload did, for the log line (mirrors TokentopCore's `ReloadSummary`).
    struct Outcome: Sendable, Equatable {
        var added: [String] = []
        var removed: [String] = []
        var changed: [String] = []
        var unchanged: [String] = []

        var line: String {
            func list(_ names: [String]) -> String { names.isEmpty ? "-" : names.joined(separator: ", ") }
            return "added \(list(added)); removed \(list(removed)); changed \(list(changed)); unchanged \(list(unchanged))"
        }
    }

    /// Re-reads `path` and applies it. An invalid file is logged diagnostic by diagnostic and
    /// changes nothing. Returns the outcome, or nil when nothing was applied.
    @discardableResult
    static func reload(path: String, service: AuthService, logger: Logger) async -> Outcome? {
        logger.info("SIGHUP: reloading \(path)")
        let running = await service.profileNames.count
        let set: ProfileSet
        switch await load(path: path, environment: ProcessInfo.processInfo.environment) {
        case .failure(let error):
            for diagnostic in error.diagnostics {
                logger.error("reload: \(DaemonLogLines.oneLine(diagnostic.description))")
            }
            let errors = error.diagnostics.count { $0.severity == .error }
            logger.error(
                "reload failed: \(path) has \(errors) error\(errors == 1 ? "" : "s"); still running the previous \(running) profile\(running == 1 ? "" : "s")"
            )
            return nil
        case .success(let loaded):
            set = loaded
        }
        for warning in set.warnings { logger.warning("reload: \(DaemonLogLines.oneLine(warning.description))") }
        guard let outcome = await apply(set.profiles, to: service) else {
            logger.error(
                "reload not applied: this build cannot swap profiles in a running service yet; still running the previous \(running) profile\(running == 1 ? "" : "s") (restart to pick up \(path))"
            )
            return nil
        }
        logger.info("reload: \(outcome.line)")
        return outcome
    }

    /// Hands a valid profile list to the running service.
    ///
    /// TODO(lead): helper A adds `AuthService.reload(_ profiles: [Profile]) -> ReloadSummary`
    /// (branch i4-sinks). Once merged, replace the body with the one call:
    ///
    ///     let summary = await service.reload(profiles)
    ///     return Outcome(added: summary.added, removed: summary.removed, changed: summary.changed, unchanged: summary.unchanged)
    ///
    /// (and the `.reloaded` event can be logged by `DaemonLogLines`). Until then nothing is
    /// applied and the caller says so: no fake reload.
    static func apply(_ profiles: [Profile], to service: AuthService) async -> Outcome? {
        nil
    }

    /// `ProfilesLoader.load` on a thread of its own: `{command: ...}` secrets run synchronously
    /// (up to their timeout) and must not hold one of the few cooperative threads the auth
    /// service runs on.
    static func load(path: String, environment: [String: String]) async -> Result<ProfileSet, ConfigError> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(ConfigError) {
                    continuation.resume(returning: .success(try ProfilesLoader.load(path: path, environment: environment)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = "tokentop-reload"
            thread.start()
        }
    }
}
