import BlockingThreads
import Foundation
import Logging
import Synchronization
import TokenModel

/// The `TokenDelivery` that writes profile sinks: renders the token in the sink's format, writes
/// it atomically, records it in `sinks.json`, runs the `onRefresh` hook, logs and reports.
///
/// The blocking part (fsync) runs on a thread of its own; the hook is awaited after it. Writes for
/// one sink path are serialized here as well as by the auth service's per-profile ordering (and a
/// sink path belongs to one profile, so its hooks never overlap either).
public final class SinkDelivery: TokenDelivery {
    private let state: SinkStateFile?
    private let environment: [String: String]
    private let time: TimeSource
    private let logger: Logger
    /// One lock per sink path, so two writes to one file never overlap.
    private let locks = Mutex<[String: PathLock]>([:])

    private final class PathLock: Sendable {
        let mutex = Mutex(())
    }

    /// - Parameters:
    ///   - state: the instance's `sinks.json`, or nil (e.g. `--demo`) to keep no state.
    ///   - environment: the base environment of `onRefresh` hooks (the TOKENTOP_* variables are added).
    public init(
        state: SinkStateFile?, environment: [String: String] = ProcessInfo.processInfo.environment,
        time: TimeSource = .system, logger: Logger = Logger(label: "tokentop.sinks")
    ) {
        self.state = state
        self.environment = environment
        self.time = time
        self.logger = logger
    }

    public func deliver(_ token: IssuedToken, for profile: Profile) async -> SinkReport? {
        guard let sink = profile.sink else { return nil }
        let lock = locks.withLock { locks in
            if let existing = locks[sink.path] { return existing }
            let created = PathLock()
            locks[sink.path] = created
            return created
        }
        var report = await BlockingWork.run { [self] in
            lock.mutex.withLock { _ in self.write(token, profile: profile, sink: sink) }
        }
        guard report.ok, let hook = profile.onRefresh else { return report }
        await runHook(hook, token: token, profile: profile, sink: sink, report: &report)
        report.at = time.now()
        return report
    }

    /// Writes and records: synchronous (fsync), for a blocking thread.
    func write(_ token: IssuedToken, profile: Profile, sink: TokenSink) -> SinkReport {
        var report = SinkReport(
            profile: profile.name, path: sink.path, format: sink.format, tokenFingerprint: token.fingerprint, ok: false,
            at: time.now())
        let metadata: Logger.Metadata = [
            "profile": "\(profile.name)", "sink": "\(sink.path)", "tokenFingerprint": "\(token.fingerprint)",
        ]
        do {
            try SinkFileWriter.write(sink.format.render(token, profile: profile.name), to: sink.path, mode: sink.mode)
        } catch {
            report.error = error.description
            report.at = time.now()
            logger.error("sink write failed: \(error.description)", metadata: metadata)
            return report
        }
        report.ok = true
        logger.info("sink written", metadata: metadata)
        if let state {
            do {
                try state.record(state.entry(for: token, profile: profile, sink: sink), for: profile.name)
            } catch {
                // The sink itself is fine; only the next start-up may not be able to reuse it.
                logger.warning("could not update \(state.path): \(error.description)", metadata: metadata)
            }
        }
        report.at = time.now()
        return report
    }

    /// Runs the `onRefresh` hook (awaited: waiting for it holds no thread) and adds its outcome to `report`.
    private func runHook(
        _ hook: RefreshHook, token: IssuedToken, profile: Profile, sink: TokenSink, report: inout SinkReport
    ) async {
        let metadata: Logger.Metadata = [
            "profile": "\(profile.name)", "sink": "\(sink.path)", "tokenFingerprint": "\(token.fingerprint)",
        ]
        let hookEnvironment = RefreshHookRunner.environment(
            base: environment, profile: profile.name, sink: sink, token: token)
        // Within BlockingWork's limit, as sink writes are: 10,000 profiles never mean 10,000 hooks at once.
        let result = await BlockingWork.limited { await RefreshHookRunner.run(hook, environment: hookEnvironment) }
        report.hookRan = true
        report.hookExitCode = result.exitCode
        report.hookTimedOut = result.timedOut
        report.hookDuration = result.duration
        report.hookSummary = result.summary
        var hookMetadata = metadata
        hookMetadata["exitCode"] = "\(result.exitCode.map(String.init) ?? "-")"
        hookMetadata["durationMs"] = "\(Int(result.duration.seconds * 1000))"
        if result.succeeded {
            logger.info("onRefresh finished: \(result.summary)", metadata: hookMetadata)
        } else {
            logger.warning("onRefresh failed: \(result.summary)", metadata: hookMetadata)
        }
    }
}
