import ServiceLifecycle
import TokenModel

/// Hands every auth event to `handle` (the daemon's metrics and log lines, or the dashboard's
/// inbox). With `drains`, it reads the stream to its end (the refresher ends it when it stops,
/// so the last attempts are logged) and then waits for its turn to stop; without, it is
/// cancelled as soon as its turn comes (the dashboard's screen is gone by then, and a post held
/// back while the screen was behind is let go).
struct EventForwarder: Service, CustomStringConvertible {
    var description: String { "events" }

    let events: AsyncStream<AuthEvent>
    let drains: Bool
    let handle: @Sendable (AuthEvent) async -> Void

    func run() async throws {
        if drains {
            for await event in events { await handle(event) }
            try? await gracefulShutdown()
        } else {
            await cancelWhenGracefulShutdown { [events, handle] in
                for await event in events { await handle(event) }
            }
        }
    }
}
