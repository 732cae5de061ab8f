import ServiceLifecycle
import UnixSignals

/// SIGHUP delivered as a reload, until the group shuts down. The daemon hands it a
/// `UnixSignalsSequence` made at start-up (see `ProcessSignals`), so a SIGHUP that arrives early
/// is held rather than lost; any sequence of signals will do, which is how it is tested.
struct ReloadSignalService<Signals: AsyncSequence & Sendable>: Service, CustomStringConvertible
where Signals.Element == UnixSignal {
    var description: String { "reload-signal" }

    let signals: Signals
    let reload: @Sendable () async -> Void

    func run() async throws {
        for try await _ in signals.cancelOnGracefulShutdown() { await reload() }
    }
}
