import ServiceLifecycle

/// The auth service as a `Service`: started when the group runs, stopped at its turn of the
/// graceful shutdown (requests in flight cancelled and logged, sink writes and hooks finished,
/// every event stream ended). `onStarted` runs once the service has started (the daemon's
/// "started" line). The control service may stop the refresher earlier, right after closing its
/// socket; the second stop here then returns at once.
struct RefreshService: Service, CustomStringConvertible {
    var description: String { "refresh" }

    let refresher: Refresher
    let onStarted: @Sendable () async -> Void

    func run() async throws {
        await refresher.auth.start()
        await onStarted()
        try? await gracefulShutdown()
        await refresher.shutdown()
    }
}
