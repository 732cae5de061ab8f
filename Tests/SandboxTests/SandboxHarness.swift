import AsyncHTTPClient
import Foundation
import NIOCore
import Sandbox
import TokenModel

/// One answer from the sandbox, fully read.
struct SandboxReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as a JSON object, or nil when it is not one.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs `body` against a fresh sandbox on a free loopback port, and always stops it.
func withSandbox<T>(
    _ credentials: [SandboxCredential], lifetime: Duration = .seconds(300), seed: UInt64? = 42,
    _ body: (SandboxServer) async throws -> T
) async throws -> T {
    let server = try await SandboxServer.start(
        port: 0, credentials: credentials, defaultLifetime: lifetime, seed: seed)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension SandboxServer {
    /// POSTs `rawBody` to the token endpoint, like the reference page's curl sample.
    func postToken(rawBody: String, timeout: TimeAmount = .seconds(5)) async throws -> SandboxReply {
        var request = HTTPClientRequest(url: baseURL.absoluteString + "/api/v0/merchant/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: rawBody))
        return try await Self.send(request, timeout: timeout)
    }

    /// POSTs `{"accessKey": ..., "secretKey": ...}`.
    func requestToken(_ accessKey: String, _ secretKey: String, timeout: TimeAmount = .seconds(5)) async throws
        -> SandboxReply
    {
        let object = ["accessKey": accessKey, "secretKey": secretKey]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return try await postToken(rawBody: body, timeout: timeout)
    }

    func get(_ path: String) async throws -> SandboxReply {
        try await Self.send(HTTPClientRequest(url: baseURL.absoluteString + path), timeout: .seconds(5))
    }

    func delete(_ path: String) async throws -> SandboxReply {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = .DELETE
        return try await Self.send(request, timeout: .seconds(5))
    }

    private static func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> SandboxReply {
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return SandboxReply(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Data(buffer.readableBytesView))
    }
}

/// Parses an HTTP date (IMF-fixdate), independently of the sandbox's own formatter.
func parseHTTPDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.date(from: text)
}

/// A credential with a fixed test secret.
func credential(_ accessKey: String, configure: (inout SandboxCredential) -> Void = { _ in }) -> SandboxCredential {
    var credential = SandboxCredential(accessKey: accessKey, secretKey: SecretString("secret-\(accessKey)"))
    configure(&credential)
    return credential
}

/// Polls `condition` until it holds or `limit` passes.
func eventually(within limit: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
