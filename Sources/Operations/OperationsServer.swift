import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import TokenModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The daemon's HTTP side: `GET /metrics` (Prometheus text) and `GET /healthz`.
///
/// Built like the sandbox: a Hummingbird router behind a `Server<HTTP1Channel>` started directly,
/// so the caller learns the bound address (or why binding failed) before `start` returns, and
/// owns the signals (no service-lifecycle signal handling here).
public final class OperationsServer: Sendable {
    /// How long `stop()` waits for a graceful shutdown before cancelling the server.
    static let shutdownGrace: Duration = .seconds(2)

    /// The address it listens on, with the real port when started with port 0.
    public let address: BindAddress

    private let server: Server<HTTP1Channel>
    private let runTask: Task<Void, Never>

    private init(address: BindAddress, server: Server<HTTP1Channel>, runTask: Task<Void, Never>) {
        self.address = address
        self.server = server
        self.runTask = runTask
    }

    /// Starts serving and returns once listening.
    ///
    /// - Parameters:
    ///   - snapshot: the auth service's current statuses, read on every request.
    ///   - margin: a token this close to expiry no longer counts as valid for `/healthz`.
    public static func start(
        at address: BindAddress, metrics: TokenMetrics, margin: Duration = .seconds(10),
        snapshot: @escaping @Sendable () async -> [ProfileStatus], logger: Logger
    ) async throws(OperationsServerError) -> OperationsServer {
        let (listening, listeningContinuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let server = Server(
            childChannelSetup: HTTP1Channel(
                responder: makeResponder(metrics: metrics, margin: margin, snapshot: snapshot, logger: logger)),
            configuration: ServerConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in
                listeningContinuation.yield(channel.localAddress?.port ?? address.port)
                listeningContinuation.finish()
            },
            eventLoopGroup: EventLoopGroupProvider.singleton.eventLoopGroup,
            logger: logger
        )
        let runTask = Task {
            do {
                try await server.run()
                listeningContinuation.finish(
                    throwing: OperationsServerError.stoppedBeforeListening(address: "\(address)"))
            } catch {
                listeningContinuation.finish(
                    throwing: OperationsServerError.cannotListen(address: "\(address)", reason: Self.reason(error)))
            }
        }
        do {
            var iterator = listening.makeAsyncIterator()
            guard let port = try await iterator.next() else {
                throw OperationsServerError.stoppedBeforeListening(address: "\(address)")
            }
            return OperationsServer(
                address: BindAddress(host: address.host, port: port), server: server, runTask: runTask)
        } catch {
            runTask.cancel()
            await runTask.value
            throw (error as? OperationsServerError) ?? .stoppedBeforeListening(address: "\(address)")
        }
    }

    /// Stops listening; requests being answered finish first (for at most `shutdownGrace`).
    public func stop() async {
        let server = self.server
        let runTask = self.runTask
        // Graceful shutdown awaits an event-loop future that cancellation cannot interrupt.
        Task { try? await server.shutdownGracefully() }
        let inTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await runTask.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: Self.shutdownGrace)
                return false
            }
            let first = await group.next() ?? true
            if !first { runTask.cancel() }
            group.cancelAll()
            return first
        }
        if !inTime { await runTask.value }
    }

    // MARK: Routes

    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    private static func makeResponder(
        metrics: TokenMetrics, margin: Duration, snapshot: @escaping @Sendable () async -> [ProfileStatus],
        logger: Logger
    ) -> HTTPChannelHandler.Responder {
        let router = Router(context: BasicRequestContext.self)
        let metricsAnswer = { @Sendable () async -> Response in
            let text = await metrics.scrape(await snapshot(), now: Date())
            return textResponse(.ok, text, contentType: metricsContentType)
        }
        let healthAnswer = { @Sendable () async -> Response in
            let report = HealthReport(statuses: await snapshot(), now: Date(), margin: margin)
            return textResponse(report.isHealthy ? .ok : .serviceUnavailable, report.body)
        }
        router.get("/metrics") { _, _ in await metricsAnswer() }
        router.get("/healthz") { _, _ in await healthAnswer() }
        // HEAD is answered like GET (status and headers), without the body: what a load
        // balancer's or a monitor's probe sends.
        router.head("/metrics") { _, _ in headOnly(await metricsAnswer()) }
        router.head("/healthz") { _, _ in headOnly(await healthAnswer()) }
        let responder = router.buildResponder()
        return { request, responseWriter, channel in
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as HTTPError where error.status == .notFound {
                response = textResponse(.notFound, "not found: tokentop serves GET (or HEAD) /metrics and /healthz\n")
            } catch let error as HTTPError {
                response = textResponse(error.status, "\(error.status.reasonPhrase)\n")
            } catch {
                response = textResponse(.internalServerError, "internal error\n")
            }
            try await responseWriter.write(response: response.head, body: response.body)
        }
    }

    static func textResponse(
        _ status: HTTPResponse.Status, _ text: String, contentType: String = "text/plain; charset=utf-8"
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `response` with its status and headers but no body.
    static func headOnly(_ response: Response) -> Response {
        var head = response
        head.body = ResponseBody()
        return head
    }

    /// A bind failure in words: `address already in use`, not a NIO type dump.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        return "\(error)"
    }
}
