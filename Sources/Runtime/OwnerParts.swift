import Control
import Operations
import UnixSignals

/// What a refreshing process runs beside its refresher, each optional: the control socket (and
/// the `owner.json` naming it), the metrics server, where events go, SIGHUP.
struct OwnerParts: Sendable {
    var control: ControlServer?
    /// The instance's `owner.json`, removed when the socket closes.
    var ownerPath: String?
    var metrics: OperationsServer?
    var events: EventForwarder
    var reloadSignals: UnixSignalsSequence?
    /// The dashboard's commands; they stop being taken after the refresher has stopped.
    var commands: DashboardCommandQueue?
    /// systemd's watchdog pings: the group's first service, so the last to stop.
    var watchdog: WatchdogService?
    /// Runs once the refresher has started.
    var onStarted: @Sendable () async -> Void = {}
}
