/// Why `OtherUserSocket.talk` got no answer: socat failed or did not finish.
public struct OtherUserSocketError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
