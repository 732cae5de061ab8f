import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Blocking HTTP requests to a loopback port through AsyncHTTPClient's shared client: what the
/// end-to-end tests read from the binary's metrics and health server and from the sandbox.
enum LoopbackHTTP {
    static func get(port: UInt16, path: String) throws -> Data {
        try fetch(port: port, path: path).body
    }

    /// The status code, the header block (status line and fields, as on the wire) and the body.
    static func fetch(port: UInt16, path: String) throws -> (status: Int, head: String, body: Data) {
        try exchange(.GET, port: port, path: path, timeoutSeconds: 5)
    }

    /// Sends one request and reads the whole answer within `timeoutSeconds`.
    static func exchange(
        _ method: HTTPMethod, port: UInt16, path: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil,
        timeoutSeconds: Int64
    ) throws -> (status: Int, head: String, body: Data) {
        let request = try HTTPClient.Request(
            url: "http://127.0.0.1:\(port)\(path)", method: method, headers: headers, body: body.map { .bytes($0) })
        let response: HTTPClient.Response
        do {
            response = try HTTPClient.shared.execute(request: request, deadline: .now() + .seconds(timeoutSeconds))
                .wait()
        } catch {
            throw TestFailure("\(method) 127.0.0.1:\(port)\(path) failed: \(error)")
        }
        var head =
            "HTTP/\(response.version.major).\(response.version.minor) \(response.status.code) \(response.status.reasonPhrase)"
        for (name, value) in response.headers { head += "\r\n\(name): \(value)" }
        let bytes = response.body.map { Data($0.readableBytesView) } ?? Data()
        return (Int(response.status.code), head, bytes)
    }
}
