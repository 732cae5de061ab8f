import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import TokenModel

/// Gathers one answer for `HTTPTokenTransport`: the head, then the body into one array, and ends
/// the request as soon as the head or the body passes its cap (a hostile server cannot make the
/// client buffer megabytes). It also remembers whether the request head was handed to the
/// connection: a request that failed before that point was never sent, and may go once more.
final class CappedAnswerCollector: HTTPClientResponseDelegate {
    typealias Response = TransportResponse

    /// Why the collector ended a request.
    enum CapExceeded: Error {
        case head
        case body
    }

    private struct State {
        var headSent = false
        var status = 0
        var headers: [HeaderField] = []
        var body: [UInt8] = []
    }

    private let headLimit: Int
    private let bodyLimit: Int
    // AsyncHTTPClient calls a delegate on the request's event loop, one call at a time; the lock
    // is uncontended and makes the class Sendable without an unchecked promise.
    private let state = NIOLockedValueBox(State())

    init(headLimit: Int, bodyLimit: Int) {
        self.headLimit = headLimit
        self.bodyLimit = bodyLimit
    }

    /// True once the request head went to the connection (it may be on the wire from then on).
    var requestHeadSent: Bool { state.withLockedValue { $0.headSent } }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        state.withLockedValue { $0.headSent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        // The head as it came on the wire: status line, then `name: value\r\n` per field.
        var size = 15 + head.status.reasonPhrase.utf8.count
        var fields: [HeaderField] = []
        fields.reserveCapacity(head.headers.count)
        var declaredLength: Int?
        for (name, value) in head.headers {
            size += name.utf8.count + value.utf8.count + 4
            fields.append(HeaderField(name: name, value: value))
            if declaredLength == nil, TransportResponse.sameASCIIIgnoringCase(name, "content-length") {
                declaredLength = Int(value)
            }
        }
        guard size <= headLimit else { return task.eventLoop.makeFailedFuture(CapExceeded.head) }
        // A declared length over the cap is refused before a byte of the body is read.
        if let declaredLength, declaredLength > bodyLimit {
            return task.eventLoop.makeFailedFuture(CapExceeded.body)
        }
        let limit = bodyLimit
        state.withLockedValue { state in
            state.status = Int(head.status.code)
            state.headers = fields
            if let declaredLength, declaredLength > 0 { state.body.reserveCapacity(min(declaredLength, limit)) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let limit = bodyLimit
        let kept = state.withLockedValue { state in
            guard state.body.count + buffer.readableBytes <= limit else { return false }
            state.body.append(contentsOf: buffer.readableBytesView)
            return true
        }
        return kept ? task.eventLoop.makeSucceededVoidFuture() : task.eventLoop.makeFailedFuture(CapExceeded.body)
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> TransportResponse {
        state.withLockedValue { state in
            let answer = TransportResponse(status: state.status, headers: state.headers, body: state.body)
            state.body = []
            state.headers = []
            return answer
        }
    }
}
