/// Why a control socket could not be served or reached, in words an operator can act on.
public struct ControlError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The path does not fit a Unix socket address.
        case pathTooLong
        /// Another process answers on the socket.
        case inUse
        /// Something that is not a socket is in the way.
        case notASocket
        /// Could not bind, listen, connect or set permissions.
        case system
        /// The other side does not speak our protocol, or serves another profiles file.
        case mismatch
        /// No hello in time.
        case timeout
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
