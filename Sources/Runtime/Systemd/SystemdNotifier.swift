import Logging
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells systemd (a `Type=notify` unit) how the daemon is doing: `READY=1` once the first round
/// of fetches is done (see `StartupReadiness`) and the daemon has started, `RELOADING=1` and
/// `READY=1` around every reload once ready, `STOPPING=1` when the stop begins, `WATCHDOG=1`
/// when asked, each with a `STATUS=` line that counts profiles by state. Without
/// `$NOTIFY_SOCKET` it sends nothing.
public actor SystemdNotifier {
    private let send: @Sendable (NotifyMessage) -> Void
    private let monotonicMicroseconds: @Sendable () -> UInt64
    private var readiness: StartupReadiness?
    private var started = false
    private var ready = false
    private var stopping = false

    /// Sends through `send` (tests record the messages); `monotonicMicroseconds` stamps reloads.
    public init(
        send: @escaping @Sendable (NotifyMessage) -> Void,
        monotonicMicroseconds: @escaping @Sendable () -> UInt64 = SystemdNotifier.monotonicNow
    ) {
        self.send = send
        self.monotonicMicroseconds = monotonicMicroseconds
    }

    /// Sends to `$NOTIFY_SOCKET`, or nowhere when it is unset; the first failed send is logged
    /// (a warning), later ones only at debug.
    public static func forEnvironment(_ environment: NotifyEnvironment, logger: Logger) -> SystemdNotifier? {
        if let unusable = environment.unusableSocket {
            logger.warning(
                "NOTIFY_SOCKET=\(unusable) is not a Unix socket address tokentop can send to; systemd will not be told when it is ready"
            )
        }
        guard let address = environment.socket else { return nil }
        let socket = NotifySocket(address: address)
        let warned = WarnOnce()
        return SystemdNotifier(send: { message in
            guard let code = socket.send(message) else { return }
            let text = "cannot notify systemd at \(address): \(String(cString: strerror(code)))"
            if warned.first() { logger.warning("\(text)") } else { logger.debug("\(text)") }
        })
    }

    /// `CLOCK_MONOTONIC` in microseconds, the clock systemd compares `MONOTONIC_USEC` with.
    public static let monotonicNow: @Sendable () -> UInt64 = {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    /// The profiles as the service starts (its snapshot, taken before it runs, and the names of
    /// those with a sink): from here on `observe` counts the first round.
    public func begin(statuses: [ProfileStatus], sinkProfiles: Set<String>) {
        readiness = StartupReadiness(statuses: statuses, sinkProfiles: sinkProfiles)
        becomeReadyIfDone()
    }

    /// The daemon has started (socket bound, refresher running).
    public func daemonStarted() {
        started = true
        becomeReadyIfDone()
    }

    /// An event of the auth service, in order.
    public func observe(_ event: AuthEvent) {
        readiness?.observe(event)
        becomeReadyIfDone()
    }

    /// A reload begins: `RELOADING=1` (once ready; a reload during start-up tells systemd nothing).
    public func reloadStarted() {
        guard ready, !stopping else { return }
        send(.reloading(monotonicMicroseconds: monotonicMicroseconds(), status: "reloading the profiles file"))
    }

    /// A reload ended, applied or refused: `READY=1` again.
    public func reloadFinished(_ summary: ReloadSummary) {
        guard ready, !stopping else { return }
        let outcome = summary.errors.isEmpty ? "reloaded" : "reload refused (the file has errors), kept"
        send(.ready(status: "\(outcome); \(readiness?.summary ?? "")"))
    }

    /// The orderly stop begins: `STOPPING=1`, once.
    public func stop() {
        guard !stopping else { return }
        stopping = true
        send(.stopping(status: "stopping"))
    }

    /// `WATCHDOG=1`, until the daemon stops.
    public func watchdog() {
        send(.watchdog)
    }

    private func becomeReadyIfDone() {
        guard !ready, !stopping, started, let readiness, readiness.isComplete else { return }
        ready = true
        send(.ready(status: readiness.summary))
    }
}
