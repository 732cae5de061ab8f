/// Reads one HTTP/1.x response from bytes as they arrive: status line, header fields, then a body
/// framed by `Content-Length`, by chunks, or by the connection closing. Pure: no I/O, so every
/// broken answer a server can send is a unit test.
///
/// Limits: the head (status line and fields) may not pass `headLimit` bytes, the body not
/// `bodyLimit`. Interim `1xx` answers are skipped. Line ends may be CRLF or a bare LF.
public struct HTTP1ResponseParser: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case headTooLarge(limit: Int)
        case bodyTooLarge(limit: Int)
        /// The connection ended before the answer was complete; `started` once any byte had come.
        case closedEarly(started: Bool)

        public var description: String {
            switch self {
            case .malformed(let detail): "not an HTTP answer: \(detail)"
            case .headTooLarge(let limit): "response head larger than \(limit / 1024) KiB; refused"
            case .bodyTooLarge(let limit): "response body larger than \(limit / 1024) KiB; refused"
            case .closedEarly(false): "the server closed the connection before answering"
            case .closedEarly(true): "the server closed the connection in the middle of its answer"
            }
        }
    }

    /// A whole answer.
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var headers: [HeaderField]
        public var body: [UInt8]
        /// Whether the connection may carry another request.
        public var keepAlive: Bool
    }

    private enum Stage: Sendable {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    public let headLimit: Int
    public let bodyLimit: Int
    private var stage = Stage.head
    private var pending: [UInt8] = []
    private var status = 0
    private var headers: [HeaderField] = []
    private var body: [UInt8] = []
    private var keepAlive = true
    private var headBytes = 0
    /// How far `pending` was searched for a line end already: a server sending a line a byte at a
    /// time costs one pass over it, not one per byte.
    private var scanned = 0
    /// Any byte of the answer seen.
    public private(set) var started = false

    public init(headLimit: Int = 64 * 1024, bodyLimit: Int = 64 * 1024) {
        self.headLimit = headLimit
        self.bodyLimit = bodyLimit
    }

    /// Feeds bytes; returns the answer once it is complete. Bytes after a complete answer are
    /// not part of it: the answer then says the connection may not be reused (a server may not
    /// answer what was not asked), and feeding more is refused.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(Failure) -> Response? {
        guard !bytes.isEmpty else { return nil }
        started = true
        if case .done = stage { throw .malformed("bytes after the end of the answer") }
        if pending.isEmpty, case .fixed(let remaining) = stage, bytes.count <= remaining {
            // The common case, a body arriving in one piece: no copy through `pending`.
            body.append(contentsOf: bytes)
            stage = .fixed(remaining: remaining - bytes.count)
        } else {
            pending.append(contentsOf: bytes)
        }
        guard var answer = try advance() else { return nil }
        if !pending.isEmpty { answer.keepAlive = false }
        return answer
    }

    /// The connection ended: completes a body read until close, otherwise says what was missing.
    public mutating func finish() throws(Failure) -> Response? {
        switch stage {
        case .untilClose:
            stage = .done
            return Response(status: status, headers: headers, body: body, keepAlive: false)
        case .done: return nil
        default: throw .closedEarly(started: started)
        }
    }

    private mutating func advance() throws(Failure) -> Response? {
        var offset = 0
        defer {
            if offset > 0 {
                pending.removeFirst(offset)
                scanned = max(0, scanned - offset)
            }
        }
        while true {
            switch stage {
            case .head:
                guard let end = lineEnd(from: offset) else {
                    if headBytes + pending.count - offset > headLimit { throw .headTooLarge(limit: headLimit) }
                    return nil
                }
                headBytes += end.next - offset
                if headBytes > headLimit { throw .headTooLarge(limit: headLimit) }
                let line = pending[offset..<end.content]
                offset = end.next
                if status == 0 {
                    try statusLine(line)
                } else if line.isEmpty {
                    if let response = try headEnded() { return response }
                } else {
                    try headerLine(line)
                }
            case .fixed(let remaining):
                let take = min(remaining, pending.count - offset)
                body.append(contentsOf: pending[offset..<offset + take])
                offset += take
                stage = .fixed(remaining: remaining - take)
                if remaining - take > 0 { return nil }
                return complete()
            case .chunkSize:
                guard let end = lineEnd(from: offset) else {
                    if pending.count - offset > 1024 { throw .malformed("chunk size line too long") }
                    return nil
                }
                let line = pending[offset..<end.content]
                offset = end.next
                // Hex digits, then optional spaces and `;extensions`; no sign, no inner space.
                let digits = line.prefix { Self.hexValue($0) != nil }
                let rest = line[digits.endIndex...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                guard !digits.isEmpty, digits.count <= 8, rest.isEmpty || rest.first == UInt8(ascii: ";") else {
                    throw .malformed("bad chunk size")
                }
                let size = digits.reduce(0) { $0 * 16 + Int(Self.hexValue($1) ?? 0) }
                if size == 0 {
                    stage = .trailers
                } else {
                    if body.count + size > bodyLimit { throw .bodyTooLarge(limit: bodyLimit) }
                    stage = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, pending.count - offset)
                body.append(contentsOf: pending[offset..<offset + take])
                offset += take
                if remaining - take > 0 {
                    stage = .chunkData(remaining: remaining - take)
                    return nil
                }
                stage = .chunkDataEnd
            case .chunkDataEnd:
                guard let end = lineEnd(from: offset) else {
                    if pending.count - offset >= 2 { throw .malformed("chunk not followed by a line end") }
                    return nil
                }
                guard end.content == offset else { throw .malformed("chunk longer than its size") }
                offset = end.next
                stage = .chunkSize
            case .trailers:
                guard let end = lineEnd(from: offset) else {
                    if pending.count - offset > headLimit { throw .headTooLarge(limit: headLimit) }
                    return nil
                }
                let empty = end.content == offset
                offset = end.next
                if empty { return complete() }
            case .untilClose:
                if body.count + pending.count - offset > bodyLimit { throw .bodyTooLarge(limit: bodyLimit) }
                body.append(contentsOf: pending[offset...])
                offset = pending.count
                return nil
            case .done:
                if offset < pending.count { throw .malformed("bytes after the end of the answer") }
                return nil
            }
        }
    }

    /// Where the line starting at `offset` ends: its content end (before CR LF or LF) and the next line's start.
    private mutating func lineEnd(from offset: Int) -> (content: Int, next: Int)? {
        guard let newline = pending[max(offset, scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = pending.count
            return nil
        }
        scanned = newline + 1
        let content = newline > offset && pending[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
        return (content, newline + 1)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private mutating func statusLine(_ line: ArraySlice<UInt8>) throws(Failure) {
        // HTTP/1.1 200 OK
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, line.starts(with: prefix) else {
            throw .malformed("the first line is not an HTTP/1.x status line")
        }
        let minor = line[line.startIndex + 7]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"), line[line.startIndex + 8] == UInt8(ascii: " ")
        else { throw .malformed("unsupported HTTP version") }
        let digits = line[(line.startIndex + 9)..<(line.startIndex + 12)]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            line.count == 12 || line[line.startIndex + 12] == UInt8(ascii: " ")
        else { throw .malformed("the status code is not three digits") }
        status = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard status >= 100 else { throw .malformed("status code \(status)") }
        keepAlive = minor == UInt8(ascii: "1")
    }

    private mutating func headerLine(_ line: ArraySlice<UInt8>) throws(Failure) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
            throw .malformed("a header line without a name")
        }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(HeaderFieldRule.isTokenByte) else { throw .malformed("a header name with a space or control byte") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { value.removeFirst() }
        while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value.removeLast() }
        headers.append(HeaderField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    /// The blank line after the fields: decides how the body is framed.
    private mutating func headEnded() throws(Failure) -> Response? {
        if status < 200 {
            // An interim answer (100 Continue, 103 Early Hints): the real one follows.
            guard status != 101 else { throw .malformed("the server switched protocols") }
            status = 0
            headers.removeAll(keepingCapacity: true)
            return nil
        }
        var chunked = false
        var length: Int?
        for field in headers {
            if TransportResponse.sameASCIIIgnoringCase(field.name, "Connection") {
                let value = field.value.lowercased()
                if value.contains("close") { keepAlive = false } else if value.contains("keep-alive") { keepAlive = true }
            } else if TransportResponse.sameASCIIIgnoringCase(field.name, "Transfer-Encoding") {
                // Only plain `chunked`: a body under another coding (gzip) cannot be read as JSON.
                guard TransportResponse.sameASCIIIgnoringCase(field.value, "chunked") else {
                    throw .malformed("transfer encoding '\(field.value.prefix(40))' is not supported")
                }
                chunked = true
            } else if TransportResponse.sameASCIIIgnoringCase(field.name, "Content-Length") {
                guard !field.value.isEmpty, field.value.utf8.count <= 18,
                    field.value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                    let value = Int(field.value), length == nil || length == value
                else {
                    throw .malformed("a bad or repeated Content-Length")
                }
                length = value
            }
        }
        if status == 204 || status == 304 { return complete() }
        if chunked {
            // RFC 9112 6.3: with both, chunks win and the connection may not be reused.
            if length != nil { keepAlive = false }
            stage = .chunkSize
        } else if let length {
            if length > bodyLimit { throw .bodyTooLarge(limit: bodyLimit) }
            body.reserveCapacity(length)
            if length == 0 { return complete() }
            stage = .fixed(remaining: length)
        } else {
            keepAlive = false
            stage = .untilClose
        }
        return nil
    }

    private mutating func complete() -> Response {
        stage = .done
        return Response(status: status, headers: headers, body: body, keepAlive: keepAlive)
    }
}
