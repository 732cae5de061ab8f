import Operations

/// What `tokentop daemon` was asked to do, parsed and checked by the executable.
public struct DaemonSettings: Sendable {
    public var source: ProfileSource
    public var resultLog: ResultLogSettings
    /// The control socket, absolute.
    public var socketPath: String
    /// `--socket-group`: the socket is 0660 and owned by this group; else 0600.
    public var socketGroup: String?
    /// `--socket-group-can-act`: clients of other users (the socket's group) may refresh, pause
    /// and reload too; else they may only read.
    public var socketGroupCanAct: Bool
    /// `--metrics`: where /metrics and /healthz are served; nil serves nothing.
    public var metrics: BindAddress?
    /// `--manual-refresh-interval`: manual refreshes of a profile send at most one request per
    /// this interval; nil keeps the default (`RefreshPolicy.manualRefreshInterval`).
    public var manualRefreshInterval: Duration?

    public init(
        source: ProfileSource, resultLog: ResultLogSettings, socketPath: String, socketGroup: String?,
        socketGroupCanAct: Bool = false, metrics: BindAddress?, manualRefreshInterval: Duration? = nil
    ) {
        self.source = source
        self.resultLog = resultLog
        self.socketPath = socketPath
        self.socketGroup = socketGroup
        self.socketGroupCanAct = socketGroupCanAct
        self.metrics = metrics
        self.manualRefreshInterval = manualRefreshInterval
    }
}
