import Foundation

/// The body of `POST /api/v0/merchant/token`: `{"accessKey": "...", "secretKey": "..."}`.
struct TokenRequestBody: Sendable {
    var accessKey: String
    var secretKey: String

    /// Why a body was refused, worded for the `resultMessage` of a 400.
    struct Invalid: Error, Sendable {
        var message: String
        /// The access key, when the body named one (for per-key stats).
        var accessKey: String?
    }

    static let fields = ["accessKey", "secretKey"]

    static func parse(_ data: Data) -> Result<TokenRequestBody, Invalid> {
        guard !data.isEmpty else {
            return .failure(Invalid(message: "Request body is empty; send JSON with accessKey and secretKey."))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) else {
            return .failure(Invalid(message: "Request body is not valid JSON."))
        }
        guard let object = json as? [String: Any] else {
            return .failure(Invalid(message: "Request body must be a JSON object with accessKey and secretKey."))
        }
        let accessKey = (object["accessKey"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        var problems: [String] = []
        for field in fields {
            switch object[field] {
            case nil, is NSNull: problems.append("\(field) is required")
            case let text as String where text.isEmpty: problems.append("\(field) must not be empty")
            case is String: break
            default: problems.append("\(field) must be a string")
            }
        }
        guard problems.isEmpty, let accessKey, let secretKey = object["secretKey"] as? String else {
            let message = "Invalid request: " + problems.joined(separator: "; ") + "."
            return .failure(Invalid(message: message, accessKey: accessKey))
        }
        return .success(TokenRequestBody(accessKey: accessKey, secretKey: secretKey))
    }
}
