import ServiceLifecycle

/// A fake refresher: at its turn to stop it records so and runs `close` (its last events, the
/// end of its streams).
struct ClosingService: Service {
    let recorder: StopRecorder
    let close: @Sendable () -> Void

    func run() async throws {
        try? await gracefulShutdown()
        recorder.record("refresher stopped")
        close()
    }
}
