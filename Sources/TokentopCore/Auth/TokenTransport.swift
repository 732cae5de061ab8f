import Foundation

/// The seam between the token client and the network: one POST, one answer.
public protocol TokenTransport: Sendable {
    /// Sends `body` to `url`; answers within `timeout` (connect, head and body together) or throws.
    func post(url: URL, headers: [HeaderField], body: [UInt8], timeout: Duration) async throws(TransportError)
        -> TransportResponse
}

/// An HTTP answer, with the body already read (and capped).
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why no HTTP answer came back. Descriptions never hold request bodies (they carry secrets).
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut(Duration)
    case bodyTooLarge(limit: Int)
    case connection(String)

    public var description: String {
        switch self {
        case .timedOut(let limit): "no complete answer within \(DurationText.format(limit)) (timeout)"
        case .bodyTooLarge(let limit): "response body larger than \(limit / 1024) KiB; refused"
        case .connection(let detail): detail
        }
    }
}
