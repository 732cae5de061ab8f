import ServiceLifecycle

/// The auth service as a `Service`: its `run()` (every request, the timer and the sink
/// deliveries, in one task group) runs as a child of this service, and at this service's turn of
/// the graceful shutdown it is asked to stop in order (requests in flight cancelled and logged,
/// sink writes and hooks finished, every event stream ended). `onStarted` runs once the service
/// runs (the daemon's "started" line). The control service may stop the refresher earlier,
/// right after closing its socket; the stop here then returns at once.
struct RefreshService: Service, CustomStringConvertible {
    var description: String { "refresh" }

    let refresher: Refresher
    let onStarted: @Sendable () async -> Void

    func run() async throws {
        let auth = refresher.auth
        await withDiscardingTaskGroup { group in
            group.addTask { await auth.run() }
            await onStarted()
            try? await gracefulShutdown()
            await refresher.shutdown()
        }
    }
}
