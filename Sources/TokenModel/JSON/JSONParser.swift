/// A small, strict JSON reader (RFC 8259) for token responses: it builds a `JSONValue` in one
/// pass over the bytes. Foundation's `JSONDecoder` reading `JSONValue` tried each kind in turn and
/// built (and threw away) a `DecodingError` for every kind a value was not: about a dozen errors,
/// with their messages and coding paths, per token response.
///
/// It reads what that decoder read, the same way: an integral number that fits `Int64` (`12`,
/// `1.0`, `1e3`) is `.integer`, any other finite number `.double`; of duplicate keys the first
/// wins; a trailing comma in an object or array is accepted. Invalid UTF-8, control characters in
/// strings, lone surrogates, trailing text and nesting deeper than 512 are refused.
public enum JSONParser {
    public static let maximumDepth = 512

    struct Failure: Error {}

    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer -> JSONValue? in
            var reader = Reader(bytes: buffer)
            do {
                reader.skipWhitespace()
                let value = try reader.value(depth: 0)
                reader.skipWhitespace()
                guard reader.index == buffer.count else { return nil }
                return value
            } catch {
                return nil
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ literal: StaticString) throws(Failure) {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - index >= count else { throw Failure() }
            let start = literal.utf8Start
            for offset in 0..<count where bytes[index + offset] != start[offset] { throw Failure() }
            index += count
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < JSONParser.maximumDepth, let byte = current else { throw Failure() }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw Failure()
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            index += 1  // {
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                if current == UInt8(ascii: "}") {  // a trailing comma, as Foundation allows
                    index += 1
                    return .object(members)
                }
                guard current == UInt8(ascii: "\"") else { throw Failure() }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw Failure() }
                index += 1
                skipWhitespace()
                let member = try value(depth: depth + 1)
                if members[key] == nil { members[key] = member }  // the first of duplicate keys wins, as in Foundation
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(members)
                default: throw Failure()
                }
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            index += 1  // [
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                if current == UInt8(ascii: "]") {  // a trailing comma, as Foundation allows
                    index += 1
                    return .array(elements)
                }
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default: throw Failure()
                }
            }
        }

        /// A string literal; `index` is at its opening quote.
        mutating func string() throws(Failure) -> String {
            index += 1  // "
            let start = index
            // The common case: no escapes, so the bytes between the quotes are the string.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let text = String(validating: bytes[start..<index], as: UTF8.self) else { throw Failure() }
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw Failure() }
                index += 1
            }
            var scalars = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: scalars, as: UTF8.self) else { throw Failure() }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = current else { throw Failure() }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(code) {
                            throw Failure()
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw Failure() }
                        scalars.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
                    default: throw Failure()
                    }
                default:
                    guard byte >= 0x20 else { throw Failure() }
                    scalars.append(byte)
                    index += 1
                }
            }
            throw Failure()
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard bytes.count - index >= 4 else { throw Failure() }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Failure()
                }
                code = code << 4 | UInt32(digit)
                index += 1
            }
            return code
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() throws(Failure) -> JSONValue {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { throw Failure() }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            var integral = true
            if current == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard let digit = current, isDigit(digit) else { throw Failure() }
                skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                integral = false
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let digit = current, isDigit(digit) else { throw Failure() }
                skipDigits()
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if integral, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite else { throw Failure() }
            if value == value.rounded(), value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 {
                return .integer(Int64(value))
            }
            return .double(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func skipDigits() {
            while let byte = current, isDigit(byte) { index += 1 }
        }
    }
}
