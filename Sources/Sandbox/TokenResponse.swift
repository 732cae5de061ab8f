import Foundation
import Hummingbird
import TokenModel

/// Builds the HTTP answers of the token endpoint, shaped like EnKash's:
/// `{"token", "expiry", "resultCode", "resultMessage"}` on success, no `token` otherwise.
enum TokenResponse {
    private struct Body {
        var token: String?
        var expiry: Int64?
        var resultCode: ResultCode
        var resultMessage: String

        /// The fields in the order of EnKash's documentation (JSONEncoder does not keep order).
        var json: String {
            var fields: [String] = []
            if let token { fields.append(#""token":\#(JSONText.quote(token))"#) }
            if let expiry { fields.append(#""expiry":\#(expiry)"#) }
            fields.append(#""resultCode":\#(resultCode)"#)
            fields.append(#""resultMessage":\#(JSONText.quote(resultMessage))"#)
            return "{" + fields.joined(separator: ",") + "}"
        }

    }

    /// The answer for `action`, as of `now` (the real time; the credential's skew is applied here).
    static func make(_ action: SandboxOutcome.Action, skew: Duration, now: Date = Date()) -> Response {
        let serverNow = now.addingTimeInterval(skew.seconds)
        var response: Response
        switch action {
        case .issue(let token, let lifetime, let inSeconds):
            let expiry = serverNow.addingTimeInterval(lifetime.seconds).timeIntervalSince1970
            response = json(
                .ok,
                Body(
                    token: token,
                    expiry: inSeconds ? Int64(expiry.rounded(.down)) : Int64((expiry * 1000).rounded(.down)),
                    resultCode: ResultCode.success, resultMessage: "Token generated successfully."))
        case .badRequest(let message):
            response = json(.badRequest, Body(resultCode: ResultCode.badRequest, resultMessage: message))
        case .reject:
            response = json(
                .unauthorized,
                Body(resultCode: ResultCode.invalidCredentials, resultMessage: "Invalid accessKey or secretKey."))
        case .locked(let attempts):
            response = json(
                .forbidden,
                Body(
                    resultCode: ResultCode.locked,
                    resultMessage: "Account locked after \(attempts) failed attempts. Contact EnKash support."))
        case .rateLimit(let seconds):
            response = json(
                .tooManyRequests,
                Body(
                    resultCode: ResultCode.rateLimited,
                    resultMessage: "Too many requests. Retry after \(seconds) seconds."))
            response.headers[.retryAfter] = String(seconds)
        case .fail(let code, let htmlBody):
            response = failure(status: HTTPResponse.Status(code: code), htmlBody: htmlBody)
        case .malformed(let token, let variant):
            response = malformed(token: token, variant: variant)
        case .hang:
            // Never sent: a hanging request's connection is closed instead. Present for completeness.
            response = Response(status: .serviceUnavailable)
        }
        response.headers[.date] = HTTPDate.format(serverNow)
        return response
    }

    private static func json(_ status: HTTPResponse.Status, _ body: Body) -> Response {
        raw(status, contentType: "application/json", body: Data(body.json.utf8))
    }

    private static func raw(_ status: HTTPResponse.Status, contentType: String, body: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func failure(status: HTTPResponse.Status, htmlBody: Bool) -> Response {
        let reasons = [500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"]
        let reason = status.reasonPhrase.isEmpty ? reasons[status.code, default: "Server Error"] : status.reasonPhrase
        let title = "\(status.code) \(reason)"
        if htmlBody {
            let html =
                "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
                + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            return raw(status, contentType: "text/html", body: Data(html.utf8))
        }
        return json(
            status,
            Body(
                resultCode: .number(Int64(5000 + status.code % 100)), resultMessage: "\(title). Please try again later."
            ))
    }

    /// A 200 whose body is not valid JSON: a truncated success body, an HTML page, or nothing.
    private static func malformed(token: String, variant: UInt64) -> Response {
        switch variant % 3 {
        case 0:
            let whole = #"{"token":"\#(token)","expiry":"#
            let cut = whole.count / 2 + Int((variant >> 8) % UInt64(whole.count / 2))
            return raw(.ok, contentType: "application/json", body: Data(whole.prefix(cut).utf8))
        case 1:
            let html = "<html><body><h1>Service temporarily unavailable</h1></body></html>"
            return raw(.ok, contentType: "application/json", body: Data(html.utf8))
        default:
            return raw(.ok, contentType: "application/json", body: Data())
        }
    }
}
