import Dashboard

/// What the dashboard was asked to do, parsed and checked by the executable.
public struct DashboardSettings: Sendable {
    public var source: ProfileSource
    public var resultLog: ResultLogSettings
    /// `--theme`: a name or the path of a .theme file.
    public var theme: String?
    /// `--socket`: attach to the tokentop serving this socket (relative to the working directory).
    public var socket: String?
    /// How the screen talks to the operator: mouse reporting, bell (`--no-mouse`, `--visual-bell`,
    /// `--no-bell`).
    public var screen: ScreenOptions
    /// `--manual-refresh-interval`, for this dashboard's own refresher (an attached one follows
    /// its owner's); nil keeps the default (`RefreshPolicy.manualRefreshInterval`).
    public var manualRefreshInterval: Duration?

    public init(
        source: ProfileSource, resultLog: ResultLogSettings, theme: String?, socket: String?,
        screen: ScreenOptions = ScreenOptions(), manualRefreshInterval: Duration? = nil
    ) {
        self.source = source
        self.resultLog = resultLog
        self.theme = theme
        self.socket = socket
        self.screen = screen
        self.manualRefreshInterval = manualRefreshInterval
    }
}
