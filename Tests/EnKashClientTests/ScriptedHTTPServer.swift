import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A loopback HTTP/1.1 server on SwiftNIO (optionally TLS) that answers each request as a script
/// says, and counts connections and requests: what the transport tests need to see reuse,
/// retries, timeouts and certificate checks from the server's side.
final class ScriptedHTTPServer: Sendable {
    enum Reply: Sendable {
        /// These bytes, then keep the connection open (or close it).
        case raw(String, close: Bool)
        /// Never answer.
        case silent

        static func ok(_ body: String, close: Bool = false) -> Reply {
            .raw("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)", close: close)
        }
    }

    struct Counts: Sendable, Equatable {
        var connections = 0
        var requests = 0
    }

    let port: Int
    private let channel: any Channel
    private let counter: Counter

    private init(port: Int, channel: any Channel, counter: Counter) {
        self.port = port
        self.channel = channel
        self.counter = counter
    }

    var seen: Counts { counter.box.withLock { $0 } }

    /// Starts on 127.0.0.1; `reply` gets the request's number (1, 2, ...) and its head.
    static func start(tls: NIOSSLContext? = nil, reply: @escaping @Sendable (Int, String) -> Reply) async throws
        -> ScriptedHTTPServer
    {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counter.connection()
                do {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(counter: counter, reply: reply))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ServerError("no port") }
        return ScriptedHTTPServer(port: port, channel: channel, counter: counter)
    }

    func stop() async {
        try? await channel.close()
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The counts, shared by the accepting channel and every connection.
    private final class Counter: Sendable {
        let box = Mutex(Counts())
        func connection() { box.withLock { $0.connections += 1 } }
        func request() -> Int {
            box.withLock {
                $0.requests += 1
                return $0.requests
            }
        }
    }

    /// Gathers one request (head, then `Content-Length` bytes of body) and answers it.
    private final class RequestHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let counter: Counter
        let reply: @Sendable (Int, String) -> Reply
        var pending: [UInt8] = []

        init(counter: Counter, reply: @escaping @Sendable (Int, String) -> Reply) {
            self.counter = counter
            self.reply = reply
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += unwrapInboundIn(data).readableBytesView
            while let headEnd = find(Array("\r\n\r\n".utf8)) {
                let head = String(decoding: pending[..<headEnd], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n").compactMap { line -> Int? in
                        guard line.lowercased().hasPrefix("content-length:") else { return nil }
                        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                    }.first ?? 0
                guard pending.count >= headEnd + 4 + length else { return }
                pending.removeFirst(headEnd + 4 + length)
                switch reply(counter.request(), head) {
                case .silent:
                    break
                case .raw(let text, let close):
                    var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
                    buffer.writeString(text)
                    if close {
                        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
                            context.close(promise: nil)
                        }
                    } else {
                        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
                    }
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }

        private func find(_ needle: [UInt8]) -> Int? {
            guard pending.count >= needle.count else { return nil }
            for start in 0...(pending.count - needle.count)
            where pending[start..<start + needle.count].elementsEqual(needle) {
                return start
            }
            return nil
        }
    }
}
