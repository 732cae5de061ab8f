/// Why the operations server could not start.
public enum OperationsServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Binding the listening socket failed (port in use, address not on this machine...).
    case cannotListen(address: String, reason: String)
    /// The server stopped before it was listening.
    case stoppedBeforeListening(address: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "cannot serve metrics on \(address): \(reason) — pick another --metrics port (0 picks a free one), or stop what uses it"
        case .stoppedBeforeListening(let address):
            "the metrics server on \(address) stopped before it was listening"
        }
    }
}
