/// What the clients of a control server may hold of the server's resources: each connection,
/// and all of them together.
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
    /// Connections served at once. One more gets a single error line and is closed. The server
    /// serves fewer when the process's descriptor limit would otherwise leave less than
    /// `ConnectionBudget.descriptorsInReserve` free for token requests and sink writes.
    public var connections: Int
    /// Bytes waiting to be written to all connections together. When a line would pass it, the
    /// connections holding the most unread bytes are disconnected (the reason logged) until it
    /// fits, or the one asking when it holds the most itself: clients that stop reading can
    /// neither grow the process without bound nor lock the others out. As large as one
    /// connection's `queuedBytes`, so one client alone can take a large snapshot.
    public var totalQueuedBytes: Int

    public init(
        requestsInFlight: Int = 32, queuedLines: Int = 10_000, queuedBytes: Int = 64 << 20,
        connections: Int = 64, totalQueuedBytes: Int = 64 << 20
    ) {
        self.requestsInFlight = max(1, requestsInFlight)
        self.queuedLines = max(1, queuedLines)
        self.queuedBytes = max(1, queuedBytes)
        self.connections = max(1, connections)
        self.totalQueuedBytes = max(1, totalQueuedBytes)
    }
}
