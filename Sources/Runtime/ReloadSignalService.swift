import ServiceLifecycle
import UnixSignals

/// SIGHUP delivered as a reload, until the group shuts down. The sequence is made at start-up
/// (see `ProcessSignals`) so a SIGHUP that arrives early is held rather than lost.
struct ReloadSignalService: Service, CustomStringConvertible {
    var description: String { "reload-signal" }

    let signals: UnixSignalsSequence
    let reload: @Sendable () async -> Void

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() { await reload() }
    }
}
