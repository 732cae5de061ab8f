import Foundation

extension LoopbackHTTP {
    /// `POST path` with a JSON body over loopback; the status and the body (read to the end).
    static func post(port: UInt16, path: String, json: String) throws -> (status: Int, body: Data) {
        let body = Array(json.utf8)
        let request = Array(
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                .utf8) + body
        let answer = try exchange(port: port, request: request, timeoutSeconds: 10)
        return (answer.status, Data(answer.body))
    }
}
