import Foundation
import NIOHTTP1

extension LoopbackHTTP {
    /// `POST path` with a JSON body over loopback; the status and the body (read to the end).
    static func post(port: UInt16, path: String, json: String) throws -> (status: Int, body: Data) {
        let answer = try exchange(
            .POST, port: port, path: path, headers: ["Content-Type": "application/json"], body: Array(json.utf8),
            timeoutSeconds: 10)
        return (answer.status, answer.body)
    }
}
