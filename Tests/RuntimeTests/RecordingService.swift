import ServiceLifecycle

/// A fake part of a run: waits for its turn to stop and records it.
struct RecordingService: Service {
    let name: String
    let recorder: StopRecorder

    func run() async throws {
        try? await gracefulShutdown()
        recorder.record(name)
    }
}
