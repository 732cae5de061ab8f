/// Where `$NOTIFY_SOCKET` says the service manager listens: a path in the file system, or a name
/// in Linux's abstract namespace (`@name`, sent with a leading NUL byte).
public enum NotifySocketAddress: Sendable, Equatable, CustomStringConvertible {
    case path(String)
    case abstract(String)

    /// The longest address `sockaddr_un.sun_path` holds: 108 bytes, less a path's terminating
    /// NUL (or an abstract name's leading one).
    static let maximumBytes = 107

    /// Parses the variable's value; nil for an empty value, a relative path, another scheme
    /// (systemd's `vsock:`) or one too long for a Unix socket address.
    public init?(_ value: String) {
        if value.hasPrefix("@") {
            let name = String(value.dropFirst())
            guard !name.isEmpty, name.utf8.count <= Self.maximumBytes else { return nil }
            self = .abstract(name)
        } else if value.hasPrefix("/") {
            guard value.utf8.count <= Self.maximumBytes else { return nil }
            self = .path(value)
        } else {
            return nil
        }
    }

    /// The bytes of `sun_path`: a path and its NUL, or a NUL and the abstract name (whose
    /// length, not a terminator, ends it).
    var socketPathBytes: [UInt8] {
        switch self {
        case .path(let path): Array(path.utf8) + [0]
        case .abstract(let name): [0] + Array(name.utf8)
        }
    }

    public var description: String {
        switch self {
        case .path(let path): path
        case .abstract(let name): "@" + name
        }
    }
}
