import NIOCore

/// One HTTP/1.1 POST as the bytes that go on the wire: head and body in one buffer, so a request
/// leaves in one `write(2)` (AsyncHTTPClient wrote head and body apart, about three writes a request).
enum HTTP1Request {
    static func post(
        to endpoint: HTTPEndpoint, headers: [HeaderField], body: [UInt8], allocator: ByteBufferAllocator
    ) throws(TransportError) -> ByteBuffer {
        var size = endpoint.target.utf8.count + endpoint.hostField.utf8.count + 64 + body.count
        for field in headers {
            guard HeaderFieldRule.isToken(field.name) else {
                throw .connection("header name '\(field.name.prefix(40))' is not a valid HTTP field name; refused")
            }
            guard isFieldValue(field.value) else {
                throw .connection("header '\(field.name)' holds a line break or control byte; refused")
            }
            size += field.name.utf8.count + field.value.utf8.count + 4
        }
        var buffer = allocator.buffer(capacity: size)
        buffer.writeStaticString("POST ")
        buffer.writeString(endpoint.target)
        buffer.writeStaticString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(endpoint.hostField)
        buffer.writeStaticString("\r\nContent-Length: ")
        buffer.writeString(String(body.count))
        buffer.writeStaticString("\r\n")
        // The fields this client writes itself (a profile may not set them either: `HeaderFieldRule`).
        for field in headers
        where !HeaderFieldRule.reserved.contains(where: { TransportResponse.sameASCIIIgnoringCase(field.name, $0) })
        {
            buffer.writeString(field.name)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        buffer.writeBytes(body)
        return buffer
    }

    /// Visible bytes, spaces and tabs; no CR, LF or other control byte (no header injection).
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }
    }
}
