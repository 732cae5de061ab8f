import Logging
import ServiceLifecycle

/// Runs services as one `ServiceGroup` beside a foreground (the dashboard's screen, or the
/// daemon's wait for SIGTERM/SIGINT). When the foreground returns, the group shuts down
/// gracefully: in reverse order of `services`, each one finished before the next is told.
/// The group installs no signal handlers: the daemon's are `ProcessSignals`, and the
/// dashboard's UI thread keeps its own signal pipe for ncurses.
enum ServiceGroupRun {
    private enum Ended<T: Sendable>: Sendable {
        case group
        case foreground(T)
    }

    /// The foreground's value, or nil when the group ended first (the foreground is then cancelled).
    static func run<T: Sendable>(
        _ services: [any Service], logger: Logger, foreground: @escaping @Sendable (ServiceGroup) async -> T
    ) async throws -> T? {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: quiet))
        return try await withThrowingTaskGroup(of: Ended<T>.self) { tasks in
            tasks.addTask {
                try await group.run()
                return .group
            }
            tasks.addTask {
                let value = await foreground(group)
                await group.triggerGracefulShutdown()
                return .foreground(value)
            }
            var value: T?
            while let ended = try await tasks.next() {
                switch ended {
                case .foreground(let result): value = result
                case .group: tasks.cancelAll()
                }
            }
            return value
        }
    }
}
