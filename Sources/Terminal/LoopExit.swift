/// Why the dashboard loop ended.
public enum LoopExit: Sendable, Equatable {
    /// The operator quit (`q`, `F10`, `Ctrl-C` as a key).
    case quit
    /// A termination signal arrived: SIGINT, SIGTERM, SIGHUP or SIGQUIT.
    case signal(Int32)

    /// The conventional process exit status: 0, or 128 + the signal number.
    public var exitStatus: Int32 {
        switch self {
        case .quit: 0
        case .signal(let number): 128 + number
        }
    }
}
