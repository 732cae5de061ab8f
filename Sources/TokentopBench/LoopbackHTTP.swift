import Foundation

/// A blocking HTTP/1.0 request without a body to a loopback port: enough for `/metrics` and
/// `/_sandbox/stats` (GET, and DELETE to reset it) without pulling an HTTP client into the bench.
enum LoopbackHTTP {
    /// The port of `http://127.0.0.1:PORT...`.
    static func port(of url: String) -> UInt16? {
        guard let colon = url.lastIndex(of: ":") else { return nil }
        return UInt16(url[url.index(after: colon)...].prefix { $0.isNumber })
    }

    /// The status and body, or nil when the connection or the answer failed within `timeout`.
    static func get(port: UInt16, path: String, timeout: TimeInterval = 5) -> (status: Int, body: String)? {
        request("GET", port: port, path: path, timeout: timeout)
    }

    static func request(_ method: String, port: UInt16, path: String, timeout: TimeInterval = 5)
        -> (status: Int, body: String)?
    {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = Array("\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n"),
            let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return (status, String(text[headEnd.upperBound...]))
    }
}
