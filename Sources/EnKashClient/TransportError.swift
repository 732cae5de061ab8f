import Foundation
import TokenModel

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
