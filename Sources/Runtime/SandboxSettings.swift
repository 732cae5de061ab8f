/// What `tokentop sandbox` was asked to do, parsed and checked by the executable.
public struct SandboxSettings: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// `--credentials`: a YAML list of credentials and their faults; nil serves the demo merchants.
    public var credentials: String?
    /// Token lifetime for credentials that set none.
    public var tokenLifetime: Duration
    public var seed: UInt64?
    /// `--list`: print the merchants and exit.
    public var list: Bool

    public init(host: String, port: Int, credentials: String?, tokenLifetime: Duration, seed: UInt64?, list: Bool) {
        self.host = host
        self.port = port
        self.credentials = credentials
        self.tokenLifetime = tokenLifetime
        self.seed = seed
        self.list = list
    }
}
