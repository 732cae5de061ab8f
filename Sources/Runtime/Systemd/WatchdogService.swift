import ServiceLifecycle

/// Sends `WATCHDOG=1` every `interval` (half of systemd's `WatchdogSec`) for as long as the
/// daemon runs, its stop included: it is the group's first service, so the last to stop.
/// `sleep` is injected so tests drive it with a test clock.
struct WatchdogService: Service, CustomStringConvertible {
    var description: String { "watchdog" }

    let interval: Duration
    let notifier: SystemdNotifier
    let sleep: @Sendable (Duration) async throws -> Void

    func run() async throws {
        await notifier.watchdog()
        await cancelWhenGracefulShutdown {
            while true {
                do { try await sleep(interval) } catch { return }
                await notifier.watchdog()
            }
        }
    }
}
