/// EnKash's `resultCode` exactly as received: the schema says int32, but servers have been seen
/// sending text, so it is kept in the form it arrived in and logged back the same way.
public typealias ResultCode = NumberOrText

/// A JSON value that is a whole number or a string, kept in the form it arrived in and encoded
/// back the same way (EnKash's `resultCode`, a control-socket request id).
public enum NumberOrText: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Int64)
    case text(String)

    public var description: String {
        switch self {
        case .number(let value): String(value)
        case .text(let value): value
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int64.self) {
            self = .number(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}
