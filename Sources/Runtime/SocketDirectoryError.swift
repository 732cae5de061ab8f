/// The socket's directory could not be given to the `--socket-group`.
public struct SocketDirectoryError: Error, CustomStringConvertible {
    public var description: String
}
