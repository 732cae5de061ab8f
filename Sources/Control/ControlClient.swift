import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TokenModel

/// What a subscriber hears: the snapshot its `subscribe` got, then events in order.
public enum ControlUpdate: Sendable {
    case snapshot([ProfileStatus])
    case event(AuthEvent)
}

/// A connection to a control socket: checks the server's `hello`, sends requests and matches
/// replies by id, and fans events out to subscribers. When the connection ends, pending
/// requests fail with `TokenServiceError.disconnected` and subscriber streams finish.
public final class ControlClient: Sendable {
    typealias Connection = NIOAsyncChannel<LineFrame, ByteBuffer>

    public let path: String
    public let hello: ControlHello
    private let core: ClientCore
    private let outgoing: AsyncStream<String>.Continuation
    private let connectionTask: Task<Void, Never>

    private init(
        path: String, hello: ControlHello, core: ClientCore, outgoing: AsyncStream<String>.Continuation,
        task: Task<Void, Never>
    ) {
        self.path = path
        self.hello = hello
        self.core = core
        self.outgoing = outgoing
        self.connectionTask = task
    }

    /// Connects and reads the server's `hello` (within `timeout`). With `expectedConfig`, a
    /// server for another profiles file is refused, as is one speaking another protocol version.
    public static func connect(
        path: String, expectedConfig: String? = nil, timeout: Duration = .seconds(5),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(ControlError) -> ControlClient {
        if let problem = UnixSocketPath.problem(path) { throw ControlError(.pathTooLong, path: path, problem) }
        let connection: Connection
        do {
            connection = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(timeout.seconds * 1000)))
                .connect(unixDomainSocketPath: path) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(maximumLength: ControlProtocol.maximumReplyLine)))
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ControlError(.system, path: path, "cannot connect to \(path): \(Self.reason(error))")
        }
        let core = ClientCore()
        let (lines, outgoing) = AsyncStream<String>.makeStream()
        // The connection lives until `close()` or the server hangs up, beyond any one caller's
        // scope, so it runs in its own task; `close()` cancels it.
        let task = Task {
            let reason: String
            do {
                try await connection.executeThenClose { inbound, outbound in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await line in lines { try await outbound.write(ByteBuffer(string: line + "\n")) }
                        }
                        for try await frame in inbound {
                            guard case .line(let bytes) = frame else { continue }
                            core.dispatch(bytes.readableBytesView)
                        }
                        group.cancelAll()
                    }
                }
                reason = "the server closed the connection"
            } catch {
                reason = Self.reason(error)
            }
            core.finish(reason: reason)
        }
        let hello: ControlHello
        do {
            hello = try await core.waitForHello(timeout: timeout)
        } catch {
            task.cancel()
            throw ControlError(error.kind, path: path, "\(path): \(error.message)")
        }
        let client = ControlClient(path: path, hello: hello, core: core, outgoing: outgoing, task: task)
        if hello.protocolVersion != ControlProtocol.version {
            client.close()
            throw ControlError(
                .mismatch, path: path,
                "\(path): \(ControlProtocol.mismatch(theirs: hello.protocolVersion, role: hello.role.rawValue))")
        }
        if let expectedConfig, hello.config != expectedConfig {
            client.close()
            throw ControlError(.mismatch, path: path, "\(path) serves \(hello.config), not \(expectedConfig)")
        }
        return client
    }

    /// Sends `request` and waits for its reply (`snapshot`, `result` or `error`).
    public func send(_ request: ControlRequest) async throws(TokenServiceError) -> ControlMessage {
        let result: Result<ControlMessage, TokenServiceError> = await withCheckedContinuation { continuation in
            guard let id = core.register(continuation) else {
                continuation.resume(returning: .failure(.disconnected(core.closedReason ?? "closed")))
                return
            }
            outgoing.yield(ControlCodec.encode(.request(request, id: .number(id))))
        }
        return try result.get()
    }

    /// Subscribes: the stream starts with a snapshot and carries every event after it; it
    /// finishes when the connection ends.
    public func subscribe() -> AsyncStream<ControlUpdate> {
        let (stream, continuation) = AsyncStream<ControlUpdate>.makeStream(bufferingPolicy: .unbounded)
        guard let id = core.addSubscriber(continuation) else {
            continuation.finish()
            return stream
        }
        outgoing.yield(ControlCodec.encode(.request(.subscribe, id: .number(id))))
        return stream
    }

    /// Why the connection ended; nil while it is open.
    public var closedReason: String? { core.closedReason }

    /// Closes the connection; pending requests fail and subscriptions end.
    public func close() {
        outgoing.finish()
        connectionTask.cancel()
        core.finish(reason: "closed by this side")
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if error is CancellationError { return "closed" }
        return String(describing: error)
    }
}

/// The client's shared state: pending requests, subscribers, the hello.
final class ClientCore: Sendable {
    private struct State {
        var nextID: Int64 = 1
        var pending: [Int64: CheckedContinuation<Result<ControlMessage, TokenServiceError>, Never>] = [:]
        /// Subscribers by the id of their `subscribe` request; `ready` once their snapshot came.
        var subscribers: [Int64: (continuation: AsyncStream<ControlUpdate>.Continuation, ready: Bool)] = [:]
        var hello: ControlHello?
        var helloWaiter: CheckedContinuation<Result<ControlHello, ControlError>, Never>?
        /// A hello that came but cannot be used (another protocol version).
        var helloProblem: ControlError?
        var closedReason: String?
    }

    private let state = Mutex(State())

    var closedReason: String? { state.withLock { $0.closedReason } }

    func register(_ continuation: CheckedContinuation<Result<ControlMessage, TokenServiceError>, Never>) -> Int64? {
        state.withLock { state in
            guard state.closedReason == nil else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = continuation
            return id
        }
    }

    func addSubscriber(_ continuation: AsyncStream<ControlUpdate>.Continuation) -> Int64? {
        state.withLock { state in
            guard state.closedReason == nil else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = (continuation, false)
            return id
        }
    }

    func waitForHello(timeout: Duration) async throws(ControlError) -> ControlHello {
        let timer = Task { [self] in
            try? await Task.sleep(for: timeout)
            failHello(ControlError(.timeout, path: "", "no hello within \(DurationText.format(timeout))"))
        }
        defer { timer.cancel() }
        let result: Result<ControlHello, ControlError> = await withCheckedContinuation { continuation in
            let ready: Result<ControlHello, ControlError>? = state.withLock { state in
                if let hello = state.hello { return .success(hello) }
                if let problem = state.helloProblem { return .failure(problem) }
                if let reason = state.closedReason { return .failure(ControlError(.system, path: "", reason)) }
                state.helloWaiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        return try result.get()
    }

    /// Ends the wait for the hello with `error`; `remember` keeps it for a wait that has not
    /// started yet (the hello may come before anyone waits for it).
    private func failHello(_ error: ControlError, remember: Bool = false) {
        let waiter = state.withLock { state in
            if remember && state.helloProblem == nil { state.helloProblem = error }
            defer { state.helloWaiter = nil }
            return state.helloWaiter
        }
        waiter?.resume(returning: .failure(error))
    }

    /// Handles one line from the server.
    func dispatch(_ line: some Collection<UInt8>) {
        guard let message = try? ControlCodec.decode(line) else {
            // Newer event kinds are skipped; a hello this side cannot read ends the wait for it.
            if let problem = ControlProtocol.unreadableHello(line) {
                failHello(ControlError(.mismatch, path: "", problem), remember: true)
            }
            return
        }
        switch message {
        case .hello(let hello):
            let waiter = state.withLock { state in
                state.hello = hello
                defer { state.helloWaiter = nil }
                return state.helloWaiter
            }
            waiter?.resume(returning: .success(hello))
        case .event(let event):
            let listeners = state.withLock { $0.subscribers.values.filter(\.ready).map(\.continuation) }
            for listener in listeners { listener.yield(.event(event)) }
        case .snapshot(let profiles, let id):
            guard case .number(let number)? = id else { return }
            // The snapshot of a subscription goes to its stream before any later event does.
            let subscriber = state.withLock { state -> AsyncStream<ControlUpdate>.Continuation? in
                guard let entry = state.subscribers[number] else { return nil }
                state.subscribers[number]?.ready = true
                return entry.continuation
            }
            if let subscriber {
                subscriber.yield(.snapshot(profiles))
            } else {
                resolve(number, with: message)
            }
        case .result(_, let id), .error(_, let id), .history(_, let id):
            guard case .number(let number)? = id else { return }
            resolve(number, with: message)
        case .request:
            return
        }
    }

    private func resolve(_ id: Int64, with message: ControlMessage) {
        let waiter = state.withLock { $0.pending.removeValue(forKey: id) }
        waiter?.resume(returning: .success(message))
    }

    /// The connection ended: fail what waits, end every stream. Idempotent.
    func finish(reason: String) {
        let (pending, subscribers, helloWaiter) = state.withLock { state in
            if state.closedReason == nil { state.closedReason = reason }
            defer {
                state.pending.removeAll()
                state.subscribers.removeAll()
                state.helloWaiter = nil
            }
            return (Array(state.pending.values), state.subscribers.values.map(\.continuation), state.helloWaiter)
        }
        let why = closedReason ?? reason
        for waiter in pending { waiter.resume(returning: .failure(.disconnected(why))) }
        for subscriber in subscribers { subscriber.finish() }
        helloWaiter?.resume(returning: .failure(ControlError(.system, path: "", why)))
    }
}
