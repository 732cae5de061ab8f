import ServiceLifecycle

/// Something already running (the metrics server, the `--demo` sandbox) that the group stops at
/// its turn of the graceful shutdown.
struct StoppingService: Service, CustomStringConvertible {
    let description: String
    let stop: @Sendable () async -> Void

    func run() async throws {
        try? await gracefulShutdown()
        await stop()
    }
}
