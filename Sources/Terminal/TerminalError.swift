/// The terminal could not be set up or used; the message says what to do.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
