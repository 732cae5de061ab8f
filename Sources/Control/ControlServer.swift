import Foundation
import NIOCore
import NIOPosix
import TokentopCore

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
/// status query; replies carry the request's `id`.
public final class ControlServer: Sendable {
    typealias Connection = NIOAsyncChannel<LineFrame, ByteBuffer>

    public let path: String
    public let role: OwnerRecord.Role
    public let config: String
    private let service: any TokenService
    private let listener: NIOAsyncChannel<Connection, Never>
    private let fileIdentity: (UInt64, UInt64)?

    private init(
        path: String, role: OwnerRecord.Role, config: String, service: any TokenService,
        listener: NIOAsyncChannel<Connection, Never>
    ) {
        self.path = path
        self.role = role
        self.config = config
        self.service = service
        self.listener = listener
        self.fileIdentity = SocketFile.identity(path)
    }

    /// Binds `path` (replacing a stale socket file, refusing a live one) with the given access,
    /// ready for `run()`.
    public static func bind(
        path: String, service: any TokenService, role: OwnerRecord.Role, config: String, access: SocketAccess = .owner,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(ControlError) -> ControlServer {
        try SocketFile.prepare(path)
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(maximumLength: ControlProtocol.maximumRequestLine)))
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ControlError(.system, path: path, "cannot listen on \(path): \(error)")
        }
        do {
            try SocketFile.restrict(path, access: access)
        } catch {
            try? await listener.channel.close()
            unlink(path)
            throw error
        }
        return ControlServer(path: path, role: role, config: config, service: service, listener: listener)
    }

    /// Accepts and serves connections until `close()` or cancellation; then every connection is
    /// closed and the socket file removed.
    public func run() async {
        do {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { [self] in await serve(connection) }
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

    private func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            try await converse(inbound: inbound, outbound: outbound)
        }
    }

    private func converse(
        inbound: NIOAsyncChannelInboundStream<LineFrame>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        // Everything written goes through one queue, so lines never interleave. A client too
        // slow to read 10,000 queued lines is disconnected rather than buffered without end.
        let (lines, queue) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(10_000))
        let send: @Sendable (ControlMessage) -> Bool = { message in
            if case .enqueued = queue.yield(ControlCodec.encode(message)) { return true }
            return false
        }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await line in lines {
                    try await outbound.write(ByteBuffer(string: line + "\n"))
                }
            }
            _ = send(.hello(await hello()))
            var subscribed = false
            reading: for try await frame in inbound {
                let message: ControlMessage
                switch frame {
                case .oversize:
                    guard send(.error("line longer than \(ControlProtocol.maximumRequestLine) bytes; ignored", id: nil)) else { break reading }
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
                if request == .subscribe && !subscribed {
                    subscribed = true
                    group.addTask { [self] in
                        let events = await service.events()
                        guard send(.snapshot(await service.snapshot(), id: id)) else { throw CancellationError() }
                        for await event in events {
                            guard send(.event(event)) else { throw CancellationError() }
                        }
                    }
                } else {
                    group.addTask { [self] in
                        guard send(await respond(to: request, id: id)) else { throw CancellationError() }
                    }
                }
            }
            queue.finish()
            group.cancelAll()
        }
    }

    private func hello() async -> ControlHello {
        ControlHello(role: role, pid: getpid(), config: config, profiles: await service.snapshot().count)
    }

    /// The reply to one request (`subscribe` repeated on a connection just gets a snapshot).
    func respond(to request: ControlRequest, id: ControlID?) async -> ControlMessage {
        do {
            switch request {
            case .status, .subscribe:
                return .snapshot(await service.snapshot(), id: id)
            case .refresh(let name):
                guard let record = try await service.refresh(name) else {
                    return .result(.failure("the refresher stopped before '\(name)' was refreshed"), id: id)
                }
                return .result(ControlResult(ok: true, record: record), id: id)
            case .refreshAll(let includeRejected):
                return .result(ControlResult(ok: true, skipped: try await service.refreshAll(includeRejected: includeRejected)), id: id)
            case .pause(let name), .resume(let name):
                let wantPaused = request == .pause(name)
                guard let status = await service.snapshot().first(where: { $0.name == name }) else {
                    return .result(.failure("no profile named '\(name)'"), id: id)
                }
                if status.paused != wantPaused { try await service.togglePause(name) }
                return .result(ControlResult(ok: true), id: id)
            case .togglePause(let name):
                try await service.togglePause(name)
                return .result(ControlResult(ok: true), id: id)
            case .reload:
                let summary = try await service.reload()
                return .result(ControlResult(ok: summary?.errors.isEmpty ?? true, reload: summary), id: id)
            }
        } catch {
            return .result(.failure(String(describing: error)), id: id)
        }
    }
}
