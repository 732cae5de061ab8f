import Foundation
import TokenModel

/// Turns an HTTP answer (or its absence) into an `AttemptRecord` and, on success, a token.
/// Pure: the caller passes in every time it needs.
public struct ResponseClassifier: Sendable {
    /// A token must live longer than this after it arrives; it also counts as expired this early.
    public var expiryMargin: Duration = .seconds(10)
    /// A `Date` header further off than this corrects the countdown.
    public var skewThreshold: Duration = .seconds(2)

    public init() {}

    /// An `expiry` below this is read as seconds, not milliseconds (10^11 ms is 1973).
    public static let secondsCutoff: Int64 = 100_000_000_000

    public func classify(
        _ response: TransportResponse, profile: String, trigger: AttemptTrigger, startedAt: Date, finishedAt: Date
    ) -> FetchResult {
        var record = AttemptRecord(
            profile: profile, trigger: trigger, startedAt: startedAt, latency: finishedAt.duration(since: startedAt),
            httpStatus: response.status, outcome: .transient)
        record.skew = skew(response, finishedAt: finishedAt)
        record.retryAfter = response.header("Retry-After").flatMap { retryAfter($0, now: finishedAt) }

        let body: TokenResponseBody?
        do {
            body = try TokenResponseBody.decode(response.body)
        } catch {
            body = nil
            switch error {
            case .notJSON: record.error = bodyError(response, what: "not JSON")
            case .notAnObject(let kind): record.error = bodyError(response, what: "\(kind), not a JSON object")
            }
        }
        if let body {
            record.resultCode = body.resultCode
            record.resultMessage = body.resultMessage
            record.expiryRaw = body.expiry
            record.notes += body.problems
        }
        let hasToken = !(body?.token ?? "").isEmpty

        switch response.status {
        case 200..<300:
            guard let body else { return FetchResult(record: record) }
            guard let tokenText = body.token, !tokenText.isEmpty else {
                // A deliberate answer without a token is treated as a refusal: retrying it
                // automatically could lock the account. But resultCode 0 is EnKash's success:
                // "success" without a usable token is a broken answer, retried with backoff.
                let saysSuccess = body.resultCode == .number(0) || body.resultCode == .text("0")
                let answered = body.resultCode != nil || body.resultMessage != nil
                record.outcome = answered && !saysSuccess ? .rejected : .transient
                record.error =
                    "no token in the answer" + (saysSuccess ? " despite resultCode 0" : "") + problemSuffix(body)
                return FetchResult(record: record)
            }
            return accept(tokenText, body: body, record: record, finishedAt: finishedAt)
        case 408, 429:
            record.error = response.status == 429 ? "rate limited" : "request timeout"
            if let wait = record.retryAfter { record.error? += "; Retry-After \(DurationText.format(wait))" }
        case 400..<500:
            record.outcome = hasToken ? .transient : .rejected
            record.error = hasToken ? "error status with a token; token ignored" : "credentials refused"
        case 500..<600:
            record.error = "server error"
        case 300..<400:
            let target = response.header("Location").map { " (it points to \($0))" } ?? ""
            record.error = "redirect not followed; check baseURL\(target)"
        default:
            record.error = "unexpected status"
        }
        return FetchResult(record: record)
    }

    /// The record of an attempt that got no HTTP answer.
    public func classify(
        _ error: TransportError, profile: String, trigger: AttemptTrigger, startedAt: Date, finishedAt: Date
    ) -> FetchResult {
        FetchResult(
            record: AttemptRecord(
                profile: profile, trigger: trigger, startedAt: startedAt,
                latency: finishedAt.duration(since: startedAt),
                outcome: .transient, error: error.description))
    }

    private func accept(_ tokenText: String, body: TokenResponseBody, record: AttemptRecord, finishedAt: Date)
        -> FetchResult
    {
        var record = record
        guard let raw = body.expiry, raw > 0 else {
            record.error =
                body.expiry == nil
                ? "token without a usable expiry" + problemSuffix(body)
                : "expiry \(body.expiry ?? 0) is not a time"
            return FetchResult(record: record)
        }
        var expiryMs = raw
        if raw < Self.secondsCutoff {
            expiryMs = raw.multipliedReportingOverflow(by: 1000).overflow ? Int64.max : raw * 1000
            record.notes.append("expiry \(raw) read as seconds")
        }
        record.expiryMs = expiryMs
        var expiresAt = Date(epochMilliseconds: expiryMs)
        if let skew = record.skew, abs(skew.seconds) > skewThreshold.seconds {
            expiresAt = expiresAt.adding(.zero - skew)
            record.notes.append("server clock \(Self.signed(skew)) off ours; countdown uses server time")
        }
        record.expiresAt = expiresAt
        let remaining = expiresAt.duration(since: finishedAt)
        guard remaining > expiryMargin else {
            record.error =
                remaining <= .zero
                ? "token already expired (\(DurationText.format(.zero - remaining)) ago)"
                : "token expires in \(DurationText.format(remaining)), inside the \(DurationText.format(expiryMargin)) margin"
            return FetchResult(record: record)
        }
        let token = IssuedToken(
            value: SecretString(tokenText), issuedAt: finishedAt, serverExpiryMs: expiryMs, expiresAt: expiresAt)
        record.outcome = .success
        record.tokenFingerprint = token.fingerprint
        return FetchResult(record: record, token: token)
    }

    /// Server clock minus ours. A server stamps `Date` when it answers, which is about when the
    /// answer reaches us (a slow server's thinking time comes before it), so it is compared with
    /// the arrival time. The header has whole seconds: half a second is added back to centre
    /// the truncation error.
    private func skew(_ response: TransportResponse, finishedAt: Date) -> Duration? {
        guard let header = response.header("Date"), let serverDate = HTTPDate.parse(header) else { return nil }
        return serverDate.addingTimeInterval(0.5).duration(since: finishedAt)
    }

    private func retryAfter(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(min(seconds, 86400)) }
        if let date = HTTPDate.parse(trimmed) { return max(.zero, date.duration(since: now)) }
        return nil
    }

    private func bodyError(_ response: TransportResponse, what: String) -> String {
        if response.body.isEmpty { return "empty body" }
        let kind = response.header("Content-Type").map { " of \($0)" } ?? ""
        return "body is \(what): \(response.body.count) bytes\(kind)"
    }

    private func problemSuffix(_ body: TokenResponseBody) -> String {
        body.problems.isEmpty ? "" : "; " + body.problems.joined(separator: "; ")
    }

    static func signed(_ duration: Duration) -> String {
        (duration < .zero ? "-" : "+") + DurationText.format(duration < .zero ? .zero - duration : duration)
    }
}
