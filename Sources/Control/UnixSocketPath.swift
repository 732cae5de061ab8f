/// Unix domain socket addresses: `sun_path` holds 108 bytes including the terminating NUL.
public enum UnixSocketPath {
    public static let maximumLength = 107

    /// Nil when `path` fits, else a message naming the path and how to choose another.
    public static func problem(_ path: String) -> String? {
        let length = path.utf8.count
        guard length > maximumLength else { return nil }
        return "socket path \(path) is \(length) bytes, longer than the \(maximumLength) a Unix socket allows; "
            + "choose a shorter one with --socket PATH"
    }
}
