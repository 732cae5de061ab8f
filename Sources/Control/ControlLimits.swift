/// What one connection to a control server may hold of the server's resources.
public struct ControlLimits: Sendable, Equatable {
    /// Requests of one connection answered at once. Beyond it the server stops reading that
    /// connection until a reply is out, so a client that pipelines requests never makes the
    /// server hold more than this many open (the socket's buffers hold the rest).
    public var requestsInFlight: Int
    /// Lines waiting to be written to one connection.
    public var queuedLines: Int
    /// Bytes waiting to be written to one connection (newlines included). A client that does
    /// not read while events and replies pile up past either bound is disconnected, with the
    /// reason logged.
    public var queuedBytes: Int

    public init(requestsInFlight: Int = 32, queuedLines: Int = 10_000, queuedBytes: Int = 64 << 20) {
        self.requestsInFlight = max(1, requestsInFlight)
        self.queuedLines = max(1, queuedLines)
        self.queuedBytes = max(1, queuedBytes)
    }
}
