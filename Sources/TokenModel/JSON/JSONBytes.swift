/// JSON written straight into bytes, for reports of thousands of objects: no `String` per field,
/// numbers without a `String` each, text copied whole when it needs no escaping.
public struct JSONBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func null() { raw("null") }

    public mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    public mutating func int<Integer: BinaryInteger>(_ value: Integer) {
        guard value != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// The number, or `null`.
    public mutating func int<Integer: BinaryInteger>(_ value: Integer?) {
        if let value { int(value) } else { null() }
    }

    /// The text as a string literal, or `null`.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A `resultCode` as it came: a number or a string (or `null`).
    public mutating func code(_ code: ResultCode?) {
        switch code {
        case .number(let value)?: int(value)
        case .text(let value)?: string(value)
        case nil: null()
        }
    }

    /// `text` as a JSON string literal, escaped as `JSONText.quote` escapes it.
    public mutating func string(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: JSONText.mayNeedEscaping) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { bytes.append(contentsOf: JSONText.quote(text).utf8) }
    }
}
