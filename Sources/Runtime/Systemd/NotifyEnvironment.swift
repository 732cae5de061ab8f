/// What systemd tells a `Type=notify` service through its environment: `$NOTIFY_SOCKET` (where
/// to send notifications) and `$WATCHDOG_USEC` (how often it expects `WATCHDOG=1`; meant for
/// this process only when `$WATCHDOG_PID` is absent or names it).
public struct NotifyEnvironment: Sendable, Equatable {
    /// The variables systemd sets for the service; removed from the process's environment once
    /// read, so programs it starts (hooks, `{command:}` secrets) never notify in its name.
    public static let variables = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    public var socket: NotifySocketAddress?
    /// Every how long systemd wants `WATCHDOG=1`; nil when no watchdog is set for this process.
    public var watchdogTimeout: Duration?
    /// Set, but not a socket address tokentop can send to (explains a missing notification).
    public var unusableSocket: String?

    public init(socket: NotifySocketAddress? = nil, watchdogTimeout: Duration? = nil, unusableSocket: String? = nil) {
        self.socket = socket
        self.watchdogTimeout = watchdogTimeout
        self.unusableSocket = unusableSocket
    }

    /// Reads the variables for the process `pid`.
    public static func parse(_ environment: [String: String], pid: Int32) -> NotifyEnvironment {
        var parsed = NotifyEnvironment()
        if let value = environment["NOTIFY_SOCKET"], !value.isEmpty {
            parsed.socket = NotifySocketAddress(value)
            if parsed.socket == nil { parsed.unusableSocket = value }
        }
        let forThisProcess = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
        if forThisProcess, let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 {
            parsed.watchdogTimeout = .microseconds(Int64(clamping: microseconds))
        }
        return parsed
    }

    /// How often to send `WATCHDOG=1`: half the timeout, as `sd_watchdog_enabled(3)` advises.
    public var watchdogInterval: Duration? { watchdogTimeout.map { $0 / 2 } }

    /// `environment` without the variables (for what the process hands on).
    public static func removing(from environment: [String: String]) -> [String: String] {
        environment.filter { !variables.contains($0.key) }
    }
}
