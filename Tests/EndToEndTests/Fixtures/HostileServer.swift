import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately broken token endpoint on loopback: plain POSIX sockets, one thread per
/// connection. It reads the request, takes the `accessKey` from its JSON body, and misbehaves
/// in the way that key names (see `Behaviour`).
final class HostileServer: Sendable {
    let port: UInt16
    private let listener: Int32

    enum Behaviour: String, CaseIterable, Sendable {
        case htmlError = "html-500"
        case emptyBody = "empty-200"
        case hugeBody = "huge-200"
        case truncatedJSON = "truncated-json"
        case jsonArray = "json-array"
        case expiryAsText = "expiry-text"
        case tokenAsNumber = "token-number"
        case nullEverywhere = "nulls"
        case zeroExpiry = "expiry-zero"
        case negativeExpiry = "expiry-negative"
        case pastExpiry = "expiry-past"
        case expiryInSeconds = "expiry-seconds"
        case farFutureExpiry = "expiry-100-years"
        case resultCodeAsText = "resultcode-text"
        case okWithoutToken = "no-token-200"
        case redirectLoop = "redirect-loop"
        case resetMidBody = "reset-mid-body"
        case neverAnswers = "never-answers"
        case trickle = "trickle"
        /// A 401 whose `resultMessage` holds terminal escapes (OSC title, clear screen, C1 CSI)
        /// beside text that must survive (Devanagari, an emoji).
        case escapeMessage = "escape-message"
        /// A 302 whose `Location` holds a tab and a C1 CSI (a DEL would fail the HTTP parser first).
        case escapeLocation = "escape-location"
    }

    init() throws {
        let fd0 = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd0 >= 0 else { throw TestFailure("socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd0, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd0, 64) == 0 else { throw TestFailure("cannot listen on loopback") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd0, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listener = fd0
        let fd = fd0
        let thread = Thread {
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 {
                    if errno == EINTR { continue }
                    return
                }
                let worker = Thread { HostileServer.serve(connection) }
                worker.start()
            }
        }
        thread.start()
    }

    /// Stops accepting (connections already open end with their threads).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let request = readRequest(fd) else { return }
        let key = accessKey(in: request) ?? ""
        guard let behaviour = Behaviour(rawValue: key) else {
            send(fd, status: "400 Bad Request", body: "unknown key")
            return
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let token = "hostile-token-\(key)"
        switch behaviour {
        case .htmlError:
            send(
                fd, status: "500 Internal Server Error", type: "text/html",
                body: "<html><body><h1>500 Internal Server Error</h1><hr><center>nginx</center></body></html>")
        case .emptyBody: send(fd, status: "200 OK", body: "")
        case .hugeBody:
            let chunk = String(repeating: "x", count: 1 << 20)
            var head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(10 << 20)\r\nConnection: close\r\n\r\n"
            writeAll(fd, Array(head.utf8))
            head = ""
            for _ in 0..<10 where writeAll(fd, Array(chunk.utf8)) {}
        case .truncatedJSON:
            send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":\#(now + 300_000),"resultC"#)
        case .jsonArray: send(fd, status: "200 OK", body: #"[{"token":"\#(token)"}]"#)
        case .expiryAsText:
            send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":"tomorrow","resultCode":0}"#)
        case .tokenAsNumber:
            send(fd, status: "200 OK", body: #"{"token":12345,"expiry":\#(now + 300_000),"resultCode":0}"#)
        case .nullEverywhere:
            send(fd, status: "200 OK", body: #"{"token":null,"expiry":null,"resultCode":null,"resultMessage":null}"#)
        case .zeroExpiry: send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":0,"resultCode":0}"#)
        case .negativeExpiry: send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":-5,"resultCode":0}"#)
        case .pastExpiry:
            send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":\#(now - 60_000),"resultCode":0}"#)
        case .expiryInSeconds:
            send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":\#(now / 1000 + 300),"resultCode":0}"#)
        case .farFutureExpiry:
            send(
                fd, status: "200 OK",
                body: #"{"token":"\#(token)","expiry":\#(now + 100 * 365 * 86_400_000),"resultCode":0}"#)
        case .resultCodeAsText:
            send(fd, status: "200 OK", body: #"{"token":"\#(token)","expiry":\#(now + 300_000),"resultCode":"zero"}"#)
        case .okWithoutToken: send(fd, status: "200 OK", body: #"{"resultCode":0,"resultMessage":"Success"}"#)
        case .redirectLoop:
            let head =
                "HTTP/1.1 302 Found\r\nLocation: /api/v0/merchant/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            writeAll(fd, Array(head.utf8))
        case .resetMidBody:
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"token\":\"abc"
            writeAll(fd, Array(head.utf8))
            usleep(100_000)
            // SO_LINGER 0: close sends a RST instead of a FIN.
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        case .neverAnswers:
            var buffer = [UInt8](repeating: 0, count: 64)
            while recv(fd, &buffer, buffer.count, 0) > 0 {}
        case .escapeMessage:
            send(
                fd, status: "401 Unauthorized",
                body: #"{"resultCode":1001,"resultMessage":"\#(HostileServer.escapeMessage)"}"#)
        case .escapeLocation:
            let head =
                "HTTP/1.1 302 Found\r\nLocation: /next\t\u{9B}31m owned\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            writeAll(fd, Array(head.utf8))
        case .trickle:
            let body = #"{"token":"\#(token)","expiry":\#(now + 300_000),"resultCode":0}"#
            let response =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            for byte in response.utf8 {
                guard writeAll(fd, [byte]) else { return }
                sleep(1)
            }
        }
    }

    /// The hostile `resultMessage` as JSON string content (escapes as JSON writes them).
    static let escapeMessage = #"Invalid\u001b]0;pwned\u0007\u001b[2J\u009b31m key \t\r\n नमस्ते 🙂"#

    private static func send(_ fd: Int32, status: String, type: String = "application/json", body: String) {
        let text =
            "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        writeAll(fd, Array(text.utf8))
    }

    @discardableResult
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// The head and body of one request (Content-Length), or nil when the client went away.
    private static func readRequest(_ fd: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count - end.upperBound >= length { return Array(data[end.upperBound...]) }
            }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            data += buffer[0..<count]
            // A TLS ClientHello to this plain port: answer as a plain HTTP server would.
            if data.first == 0x16 {
                send(fd, status: "400 Bad Request", type: "text/plain", body: "This is a plain HTTP port")
                return nil
            }
        }
    }

    private static func accessKey(in body: [UInt8]) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["accessKey"] as? String
    }
}
