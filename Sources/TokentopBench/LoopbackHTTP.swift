import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A blocking request without a body to a loopback port through AsyncHTTPClient's shared client:
/// `/metrics` and `/_sandbox/stats` (GET, and DELETE to reset it). It runs in the harness, never
/// in a measured process.
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
        guard
            let request = try? HTTPClient.Request(
                url: "http://127.0.0.1:\(port)\(path)", method: HTTPMethod(rawValue: method))
        else { return nil }
        let deadline = NIODeadline.now() + .milliseconds(Int64(max(0, timeout) * 1000))
        guard let response = try? HTTPClient.shared.execute(request: request, deadline: deadline).wait() else {
            return nil
        }
        return (Int(response.status.code), response.body.map { String(buffer: $0) } ?? "")
    }
}
