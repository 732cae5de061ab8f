import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.0 GET over a loopback socket (Foundation's URL loading needs extra
/// libraries on Linux; this needs none).
enum LoopbackHTTP {
    static func get(port: UInt16, path: String) throws -> Data {
        try fetch(port: port, path: path).body
    }

    /// The status code, the header block and the body.
    static func fetch(port: UInt16, path: String) throws -> (status: Int, head: String, body: Data) {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        return try exchange(port: port, request: request, timeoutSeconds: 5)
    }

    /// Sends `request` and reads the answer: until the body is complete (Content-Length), the
    /// server closes, or `timeoutSeconds` pass without a byte.
    static func exchange(port: UInt16, request: [UInt8], timeoutSeconds: Int) throws
        -> (status: Int, head: String, body: Data)
    {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestFailure("cannot connect to 127.0.0.1:\(port)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard send(fd, request, request.count, 0) == request.count else { throw TestFailure("send failed") }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let split = response.range(of: Data("\r\n\r\n".utf8)),
                let length = contentLength(String(decoding: response[..<split.lowerBound], as: UTF8.self)),
                response.count - split.upperBound >= length
            {
                return (
                    status(head(response, split)), head(response, split),
                    response[split.upperBound..<(split.upperBound + length)]
                )
            }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw TestFailure("no HTTP header end") }
        return (status(head(response, split)), head(response, split), response[split.upperBound...])
    }

    private static func head(_ response: Data, _ split: Range<Data.Index>) -> String {
        String(decoding: response[..<split.lowerBound], as: UTF8.self)
    }

    /// `HTTP/1.1 503 Service Unavailable` -> 503 (0 when unreadable).
    private static func status(_ head: String) -> Int {
        let parts = head.split(separator: " ", maxSplits: 2)
        return parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
    }

    private static func contentLength(_ head: String) -> Int? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}
