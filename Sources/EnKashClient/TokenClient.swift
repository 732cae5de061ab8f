import Foundation
import TokenModel

/// Asks EnKash for one token: builds the request, times it, classifies the answer.
public struct TokenClient: Sendable {
    public static let version = TokentopVersion.current
    public static let userAgent = "tokentop/\(version)"

    public let transport: any TokenTransport
    public let time: TimeSource
    public var classifier = ResponseClassifier()

    public init(transport: any TokenTransport, time: TimeSource = .system) {
        self.transport = transport
        self.time = time
    }

    public func fetch(_ profile: Profile, trigger: AttemptTrigger) async -> FetchResult {
        var headers = [
            HeaderField(name: "Content-Type", value: "application/json"),
            HeaderField(name: "Accept", value: "application/json"),
            HeaderField(name: "User-Agent", value: Self.userAgent),
        ]
        for extra in profile.headers {
            headers.removeAll { $0.name.caseInsensitiveCompare(extra.name) == .orderedSame }
            headers.append(extra)
        }
        let body = Self.requestBody(accessKey: profile.accessKey, secretKey: profile.secretKey)
        let startedAt = time.now()
        do {
            let response = try await transport.post(
                url: profile.tokenURL, headers: headers, body: body, timeout: profile.refresh.timeout,
                proxy: profile.proxy)
            return classifier.classify(
                response, profile: profile.name, trigger: trigger, startedAt: startedAt, finishedAt: time.now())
        } catch {
            return classifier.classify(
                error, profile: profile.name, trigger: trigger, startedAt: startedAt, finishedAt: time.now())
        }
    }

    /// `{"accessKey": "...", "secretKey": "..."}` with JSON string escaping.
    static func requestBody(accessKey: String, secretKey: SecretString) -> [UInt8] {
        Array("{\"accessKey\":\(JSONText.quote(accessKey)),\"secretKey\":\(JSONText.quote(secretKey.reveal()))}".utf8)
    }
}
