/// Why the sandbox could not start.
public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A credential has a value out of range; `accessKey` is masked.
    case invalidCredential(accessKey: String, field: String, problem: String)
    /// Two credentials share an access key (masked).
    case duplicateAccessKey(String)
    /// Binding the listening socket failed.
    case cannotListen(host: String, port: Int, reason: String)
    /// The server stopped before it was listening.
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .invalidCredential(let key, let field, let problem):
            "sandbox credential \(key): \(field) \(problem)"
        case .duplicateAccessKey(let key):
            "sandbox credentials list access key \(key) more than once; give each credential its own accessKey"
        case .cannotListen(let host, let port, let reason):
            "sandbox cannot listen on \(host):\(port): \(reason) — pick another --port (0 picks a free one) or stop what uses it"
        case .stoppedBeforeListening:
            "sandbox stopped before it was listening"
        }
    }
}
