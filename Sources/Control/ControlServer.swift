import Foundation
import Logging
import NIOCore
import NIOPosix
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves a `TokenService` on a Unix socket with protocol v1: a `hello` on connect, then one
/// reply per request, and events after `subscribe`. Never sends a token or a secret (the wire
/// types cannot hold one). Requests run concurrently, so a slow refresh does not hold up a
/// status query; replies carry the request's `id`. `history` answers, the one heavy reply, go
/// one at a time across the server (`HistoryGate`) and one at a time per connection (another
/// sent meanwhile gets an error line). Each connection is bounded (`ControlLimits`):
/// requests in flight, and lines and bytes waiting to be written; all connections together are
/// bounded too: how many are served at once (one more gets an error line and is closed) and
/// the bytes waiting for them. Out of descriptors, the listener sheds waiting clients with a
/// descriptor kept in reserve (`AcceptReserve`) rather than spin on a failing accept. A client
/// that closes its writing side (a one-shot `socat`) still gets the replies to what it asked.
/// Each connection's peer is read from the kernel (`SO_PEERCRED`): `ControlAuthority` says
/// whether it may act or only read; its hello says which, and a request it may not send gets an
/// error line while the connection stays open (the first one is logged, the others counted in
/// one line when the connection ends).
public final class ControlServer: Sendable {
    typealias Connection = NIOAsyncChannel<LineFrame, ByteBuffer>

    public let path: String
    public let role: OwnerRole
    public let config: String
    private let service: any TokenService
    /// Where `history` is answered from; nil answers with no attempts.
    private let history: (any AttemptHistorySource)?
    private let listener: NIOAsyncChannel<Connection, Never>
    private let fileIdentity: (UInt64, UInt64)?
    private let limits: ControlLimits
    private let budget: ConnectionBudget
    private let authority: ControlAuthority
    /// `history` answers one at a time across all connections.
    private let historyGate = HistoryGate()
    private let logger: Logger

    private init(
        path: String, role: OwnerRole, config: String, service: any TokenService, history: (any AttemptHistorySource)?,
        listener: NIOAsyncChannel<Connection, Never>, limits: ControlLimits, authority: ControlAuthority, logger: Logger
    ) {
        self.path = path
        self.role = role
        self.config = config
        self.service = service
        self.history = history
        self.listener = listener
        self.fileIdentity = SocketFile.identity(path)
        self.limits = limits
        self.budget = ConnectionBudget(limits: limits)
        self.authority = authority
        self.logger = logger
    }

    /// Binds `path` (replacing a stale socket file, refusing a live one) with the given access,
    /// ready for `run()`. The socket is bound under a private temporary name, given its mode
    /// and group, and only then linked to `path`: `path` never exists with looser permissions.
    /// `authority` says which clients may act (default: this process's user and root).
    /// `history` answers the `history` request (the result log's tail in the refresher).
    /// `observeBinding` (for tests) sees the path bound, before it is published.
    public static func bind(
        path: String, service: any TokenService, history: (any AttemptHistorySource)? = nil, role: OwnerRole,
        config: String,
        access: SocketAccess = .owner,
        limits: ControlLimits = ControlLimits(), authority: ControlAuthority = ControlAuthority(),
        logger: Logger = Logger(label: "tokentop.control"),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        observeBinding: (String) -> Void = { _ in }
    ) async throws(ControlError) -> ControlServer {
        try SocketFile.prepare(path)
        let staging = SocketFile.stagingDirectory(for: path)
        let bindPath = staging.map(SocketFile.staged(in:)) ?? path
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            // Without a staging directory (a path within a few bytes of the limit), the umask
            // keeps the socket private from its creation until `restrict` below.
            let previousMask = staging == nil ? umask(0o177) : nil
            defer { if let previousMask { umask(previousMask) } }
            let socket = try UnixListenerSocket.bind(path: bindPath).get()
            let refusal = ControlCodec.encode(.error("out of file descriptors; try again later", id: nil))
            listener = try await ServerBootstrap(group: group)
                .serverChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            AcceptReserve(listener: socket, refusal: refusal))
                    }
                }
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(socket, cleanupExistingSocketFile: false) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(maximumLength: ControlProtocol.maximumRequestLine)))
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            if let staging { SocketFile.discard(staging: staging) }
            throw ControlError(.system, path: path, "cannot listen on \(path): \(error)")
        }
        observeBinding(bindPath)
        do {
            try SocketFile.restrict(bindPath, access: access)
            if let staging { try SocketFile.publish(staging: staging, at: path) }
        } catch {
            try? await listener.channel.close()
            if let staging { SocketFile.discard(staging: staging) } else { unlink(path) }
            throw error
        }
        return ControlServer(
            path: path, role: role, config: config, service: service, history: history, listener: listener,
            limits: limits,
            authority: authority, logger: logger)
    }

    /// Accepts and serves connections until `close()` or cancellation; then every connection is
    /// closed and the socket file removed.
    public func run() async {
        do {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { [self] in
                            // The last places are kept for the refresher's own user and root, so
                            // idle clients of the socket's group can never lock the operator out.
                            let peer = await PeerCredentials.of(connection.channel)
                            guard budget.admit(owner: authority.isOwnerOrRoot(peerUID: peer?.uid)) else {
                                await refuse(connection)
                                return
                            }
                            await serve(connection, peer: peer)
                            budget.leave()
                        }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            // The listener closed under us (close() or shutdown): nothing more to serve.
        }
        removeSocketFile()
    }

    /// Stops accepting; `run()` then ends its connections and returns.
    public func close() async {
        try? await listener.channel.close()
        removeSocketFile()
    }

    /// Removes the socket file if it is still the one we bound.
    private func removeSocketFile() {
        guard let ours = fileIdentity, let now = SocketFile.identity(path), ours == now else { return }
        unlink(path)
    }

    // MARK: One connection

    /// Connections served at once (`ControlLimits.connections`, lowered to leave descriptors
    /// free).
    public var connectionCap: Int { budget.connections }

    /// Bytes waiting to be written to all connections together.
    public var queuedBytes: Int { budget.queuedBytes }

    /// A connection past the cap: one error line, then closed, without reading it.
    private func refuse(_ connection: Connection) async {
        let line = ControlCodec.encode(
            .error("too many connections (limit \(budget.connections)); try again later", id: nil))
        let channel = connection.channel
        try? await connection.executeThenClose { _, _ in
            // Awaited until the socket took it, so the close below never drops it.
            try await channel.writeAndFlush(ByteBuffer(string: line + "\n")).get()
        }
    }

    private func serve(_ connection: Connection, peer: PeerCredentials?) async {
        let channel = connection.channel
        let queue = OutgoingQueue(limits: limits, budget: budget)
        budget.register(queue) { [queue] reason in
            queue.evict(reason)
            channel.close(promise: nil)
        }
        try? await connection.executeThenClose { inbound, _ in
            try await converse(inbound: inbound, channel: channel, queue: queue, peer: peer)
        }
        queue.discard()
        if let overflow = queue.overflow {
            logger.warning("control socket \(path): disconnected a client: \(overflow)")
        }
    }

    private func converse(
        inbound: NIOAsyncChannelInboundStream<LineFrame>, channel: any Channel, queue: OutgoingQueue,
        peer: PeerCredentials?
    ) async throws {
        // Everything written goes through one queue, so lines never interleave. A line the
        // queue refuses (the client reads too slowly) closes the connection at once: that ends
        // the reading below and the write waiting on the client.
        let send: @Sendable (ControlMessage) -> Bool = { message in
            guard queue.enqueue(ControlCodec.encode(message)) else {
                channel.close(promise: nil)
                return false
            }
            return true
        }
        let slots = RequestSlots(capacity: limits.requestsInFlight)
        // One `history` of this connection at a time; another sent meanwhile gets an error line.
        let historySlot = RequestSlots(capacity: 1)
        // Refused requests of this connection: the first is logged at once, the rest counted in
        // one line when the connection ends, so a viewer sending requests in a loop cannot flood
        // the log.
        var refusals = 0
        defer { if refusals > 1 { logFurtherRefusals(refusals - 1, peer: peer) } }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                // Each line is awaited until the socket took it, so what waits is counted in
                // the queue, and the last reply is out before the connection closes.
                for await line in queue.lines {
                    try await channel.writeAndFlush(ByteBuffer(string: line + "\n")).get()
                    queue.written(line)
                }
            }
            _ = send(.hello(await hello(canAct: authority.mayAct(peerUID: peer?.uid))))
            var subscribed = false
            reading: for try await frame in inbound {
                let message: ControlMessage
                switch frame {
                case .oversize:
                    guard send(.error("line longer than \(ControlProtocol.maximumRequestLine) bytes; ignored", id: nil))
                    else { break reading }
                    continue
                case .line(let bytes):
                    do throws(ControlCodecError) {
                        message = try ControlCodec.decode(bytes.readableBytesView)
                    } catch {
                        guard send(.error(error.message, id: error.id)) else { break reading }
                        continue
                    }
                }
                guard case .request(let request, let id) = message else {
                    guard send(.error("expected a request", id: nil)) else { break reading }
                    continue
                }
                if let refusal = authority.refusal(of: request, peerUID: peer?.uid) {
                    refusals += 1
                    if refusals == 1 { logRefusal(request, peer: peer) }
                    guard send(.error(refusal, id: id)) else { break reading }
                    continue
                }
                if request == .subscribe && !subscribed {
                    subscribed = true
                    group.addTask { [self] in
                        let events = await service.events()
                        guard send(.snapshot(await service.snapshot(), id: id)) else { throw CancellationError() }
                        for await event in events {
                            guard send(.event(event)) else { throw CancellationError() }
                        }
                        // The service stopped: nothing more will be said here.
                        queue.finish()
                    }
                } else if case .history = request {
                    guard historySlot.tryAcquire() else {
                        let busy =
                            "a history request is already being answered on this connection; send the next after its answer"
                        guard send(.error(busy, id: id)) else { break reading }
                        continue
                    }
                    guard await slots.acquire() else {
                        historySlot.release()
                        break reading
                    }
                    group.addTask { [self] in
                        defer { slots.release() }
                        // Read and encoded (up to megabytes) one answer at a time, server-wide.
                        // The connection's history place is free again before the answer is
                        // queued, so a client that asks again once it has the answer is never
                        // told one is still being answered.
                        guard await historyGate.acquire() else {
                            historySlot.release()
                            throw CancellationError()
                        }
                        let line = ControlCodec.encode(await respond(to: request, id: id))
                        historyGate.release()
                        historySlot.release()
                        guard queue.enqueue(line) else {
                            channel.close(promise: nil)
                            throw CancellationError()
                        }
                    }
                } else {
                    // At the limit, stop reading until a reply is out: the client's further
                    // requests wait in the socket, not in this process.
                    guard await slots.acquire() else { break reading }
                    group.addTask { [self] in
                        defer { slots.release() }
                        guard send(await respond(to: request, id: id)) else { throw CancellationError() }
                    }
                }
            }
            if queue.overflow != nil || Task.isCancelled {
                queue.finish()
                group.cancelAll()
                return
            }
            // The client closed its side (or hung up): answer what it asked, then close. A
            // subscriber keeps its events until it hangs up or the service stops.
            await slots.waitUntilIdle()
            if !subscribed { queue.finish() }
        }
    }

    private func hello(canAct: Bool) async -> ControlHello {
        ControlHello(
            role: role, pid: getpid(), config: config, profiles: await service.snapshot().count, canAct: canAct)
    }

    /// The line for a connection's first refused request: what, from whom (uid and pid, never
    /// anything it sent).
    private func logRefusal(_ request: ControlRequest, peer: PeerCredentials?) {
        logger.warning(
            "control socket \(path): refused \(request.typeName) from \(Self.describe(peer)): it may only read")
    }

    /// The line, at the end of a connection, for the refusals after its first.
    private func logFurtherRefusals(_ count: Int, peer: PeerCredentials?) {
        let requests = count == 1 ? "request" : "requests"
        logger.warning(
            "control socket \(path): refused \(count) more \(requests) from \(Self.describe(peer)) before it disconnected"
        )
    }

    private static func describe(_ peer: PeerCredentials?) -> String {
        peer.map { "uid \($0.uid) (pid \($0.pid))" } ?? "a client of unknown uid"
    }

    /// The reply to one request (`subscribe` repeated on a connection just gets a snapshot).
    func respond(to request: ControlRequest, id: ControlID?) async -> ControlMessage {
        do {
            switch request {
            case .status, .subscribe:
                return .snapshot(await service.snapshot(), id: id)
            case .refresh(let name, let force):
                guard let answer = try await service.refreshAnswer(name, force: force) else {
                    return .result(.failure("the refresher stopped before '\(name)' was refreshed"), id: id)
                }
                return .result(
                    ControlResult(ok: true, record: answer.record, reusedWithin: answer.reusedWithin), id: id)
            case .refreshAll(let includeRejected):
                return .result(
                    ControlResult(ok: true, skipped: try await service.refreshAll(includeRejected: includeRejected)),
                    id: id)
            case .pause(let name):
                // One call: reading the state and then toggling would race another client.
                try await service.pause(name)
                return .result(ControlResult(ok: true), id: id)
            case .resume(let name):
                try await service.resume(name)
                return .result(ControlResult(ok: true), id: id)
            case .togglePause(let name):
                try await service.togglePause(name)
                return .result(ControlResult(ok: true), id: id)
            case .history(let since, let limit):
                // One reply, bounded: at most 10,000 records of about 500 bytes, well inside a
                // connection's output budget (`ControlLimits.queuedBytes`).
                let bounds = AttemptHistory.bounds(now: Date(), since: since, limit: limit)
                return .history(
                    await history?.history(since: bounds.since, limit: bounds.limit) ?? AttemptHistory(), id: id)
            case .reload:
                let summary = try await service.reload()
                return .result(ControlResult(ok: summary?.errors.isEmpty ?? true, reload: summary), id: id)
            }
        } catch {
            return .result(.failure(String(describing: error)), id: id)
        }
    }
}
