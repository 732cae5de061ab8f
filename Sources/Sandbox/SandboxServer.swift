import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import TokenModel

/// A local stand-in for EnKash's token endpoint, running in-process.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(credentials: DemoMerchants.credentials)
/// defer { Task { await sandbox.stop() } }
/// let profiles = DemoMerchants.profiles(baseURL: sandbox.baseURL)
/// ```
///
/// Routes: `POST /api/v0/merchant/token`, `GET /_sandbox/stats` and `DELETE /_sandbox/stats` (reset).
///
/// Shutdown: Hummingbird's graceful shutdown waits for every in-flight request to be answered,
/// and a hanging request never is. So `stop()` first raises a signal that ends every held request
/// (hangs and latency) by closing its connection unanswered, then shuts the server down
/// gracefully, and cancels it outright if that still takes longer than `shutdownGrace`.
public final class SandboxServer: Sendable {
    /// How long `stop()` waits for a graceful shutdown before cancelling the server.
    static let shutdownGrace: Duration = .seconds(1)

    public let host: String
    /// The bound port (a free one when started with port 0).
    public let port: Int
    /// The credentials served, in the order given.
    public let credentials: [SandboxCredential]

    private let state: SandboxState
    private let stopping: OneShotSignal
    private let finished: OneShotSignal
    private let server: Server<HTTP1Channel>
    private let runTask: Task<Void, Never>

    /// `http://HOST:PORT`, no trailing slash (IPv6 hosts in brackets).
    public var baseURL: URL {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        // Only built from a host we bound to and a port number, so it is always a valid URL.
        return URL(string: "http://\(hostPart):\(port)") ?? URL(fileURLWithPath: "/")
    }

    private init(
        host: String, port: Int, credentials: [SandboxCredential], state: SandboxState, stopping: OneShotSignal,
        finished: OneShotSignal, server: Server<HTTP1Channel>, runTask: Task<Void, Never>
    ) {
        self.host = host
        self.port = port
        self.credentials = credentials
        self.state = state
        self.stopping = stopping
        self.finished = finished
        self.server = server
        self.runTask = runTask
    }

    /// Starts the sandbox and returns once it is listening.
    ///
    /// - Parameters:
    ///   - port: 0 picks a free port; read it back from `port`.
    ///   - defaultLifetime: token lifetime for credentials without their own `lifetime`.
    ///   - seed: makes every decision reproducible; nil seeds from the system's random source.
    ///   - logger: one line per token request at `info` (access keys masked, never bodies);
    ///     nil logs only warnings.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        credentials: [SandboxCredential],
        defaultLifetime: Duration = .seconds(300),
        seed: UInt64? = nil,
        logger: Logger? = nil
    ) async throws(SandboxError) -> SandboxServer {
        try validate(credentials, defaultLifetime: defaultLifetime)
        let logger =
            logger
            ?? {
                var quiet = Logger(label: "tokentop.sandbox")
                quiet.logLevel = .warning
                return quiet
            }()
        let state = SandboxState(
            credentials: credentials, defaultLifetime: defaultLifetime,
            seed: seed ?? UInt64.random(in: .min ... .max))
        let stopping = OneShotSignal()
        let finished = OneShotSignal()

        // The server reports its bound port (or its failure to bind) through this stream.
        let (listening, listeningContinuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let server = Server(
            childChannelSetup: HTTP1Channel(
                responder: makeResponder(state: state, stopping: stopping, logger: logger),
                configuration: .init(additionalChannelHandlers: [ClientHangupHandler()])
            ),
            configuration: ServerConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                listeningContinuation.yield(channel.localAddress?.port ?? port)
                listeningContinuation.finish()
            },
            eventLoopGroup: EventLoopGroupProvider.singleton.eventLoopGroup,
            logger: logger
        )
        let runTask = Task {
            do {
                try await server.run()
                listeningContinuation.finish(throwing: SandboxError.stoppedBeforeListening)
            } catch {
                listeningContinuation.finish(
                    throwing: SandboxError.cannotListen(host: host, port: port, reason: "\(error)"))
            }
            finished.raise()
        }

        let boundPort: Int
        do {
            var iterator = listening.makeAsyncIterator()
            guard let port = try await iterator.next() else { throw SandboxError.stoppedBeforeListening }
            boundPort = port
        } catch {
            runTask.cancel()
            throw (error as? SandboxError) ?? .stoppedBeforeListening
        }
        logger.info("sandbox listening", metadata: ["host": .string(host), "port": .stringConvertible(boundPort)])
        return SandboxServer(
            host: host, port: boundPort, credentials: credentials, state: state, stopping: stopping,
            finished: finished, server: server, runTask: runTask)
    }

    private static func validate(_ credentials: [SandboxCredential], defaultLifetime: Duration) throws(SandboxError) {
        if defaultLifetime <= .zero {
            throw .invalidCredential(accessKey: "(all)", field: "defaultLifetime", problem: "must be longer than zero")
        }
        var seen = Set<String>()
        for credential in credentials {
            if let problem = credential.problems.first {
                throw .invalidCredential(
                    accessKey: Profile.mask(credential.accessKey), field: problem.field, problem: problem.problem)
            }
            if !seen.insert(credential.accessKey).inserted {
                throw .duplicateAccessKey(Profile.mask(credential.accessKey))
            }
        }
    }

    /// Routes a request through the router, then makes sure the answer carries a `Date` header
    /// (token answers already have one, shifted by the credential's skew).
    private static func makeResponder(
        state: SandboxState, stopping: OneShotSignal, logger: Logger
    ) -> HTTPChannelHandler.Responder {
        let router = Router(context: SandboxRequestContext.self)
        let endpoint = TokenEndpoint(state: state, stopping: stopping, logger: logger)
        router.post(RouterPath(TokenEndpoint.path)) { request, context in
            await endpoint.respond(to: request, context: context)
        }
        router.get("/_sandbox/stats") { _, _ in
            await StatsEndpoint.respond(state: state)
        }
        router.delete("/_sandbox/stats") { _, _ in
            await state.resetStats()
            return await StatsEndpoint.respond(state: state)
        }
        let responder = router.buildResponder()
        return { request, responseWriter, channel in
            let context = SandboxRequestContext(source: .init(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch {
                response = Response(status: .internalServerError)
            }
            if response.headers[.date] == nil {
                response.headers[.date] = HTTPDate.format(Date())
            }
            try await responseWriter.write(response: response.head, body: response.body)
        }
    }

    /// Counts so far: the same data as `GET /_sandbox/stats`.
    public func stats() async -> SandboxStats {
        await state.snapshot()
    }

    /// Starts the counts afresh, as `DELETE /_sandbox/stats` does.
    public func resetStats() async {
        await state.resetStats()
    }

    /// Stops the server: held requests are dropped, idle connections closed. Returns within
    /// about `shutdownGrace` even while requests hang. Safe to call more than once.
    public func stop() async {
        stopping.raise()
        let server = self.server
        // Graceful shutdown awaits an event-loop future, which task cancellation cannot interrupt,
        // so it runs on its own and we wait for the server task to finish, or give up on it.
        Task { try? await server.shutdownGracefully() }
        if await !finished.wait(atMost: Self.shutdownGrace) {
            runTask.cancel()
            await finished.wait()
        }
    }

    deinit {
        // A server dropped without `stop()` must not keep serving forever.
        if !finished.isRaised {
            stopping.raise()
            let server = self.server
            Task { try? await server.shutdownGracefully() }
        }
    }
}
