import Foundation
import TokenModel

/// `GET /healthz`: healthy when every enabled profile holds a valid token.
///
/// Pure: built from a snapshot and a moment. A token counts as valid until `margin` before its
/// expiry, the same margin the auth service uses. Disabled profiles are not checked; with no
/// enabled profile at all the report is healthy (nothing is failing) and says so.
public struct HealthReport: Sendable, Equatable {
    /// One enabled profile without a valid token, and why.
    public struct Failure: Sendable, Equatable {
        public var profile: String
        public var state: ProfileState
        public var reason: String
    }

    /// Enabled profiles checked.
    public var checked: Int
    public var failures: [Failure]

    public init(statuses: [ProfileStatus], now: Date, margin: Duration = .seconds(10)) {
        let enabled = statuses.filter(\.enabled)
        checked = enabled.count
        failures = enabled.compactMap { status in
            if let expiresAt = status.expiresAt, status.tokenFingerprint != nil,
                now < expiresAt.addingTimeInterval(-margin.seconds)
            {
                return nil
            }
            return Failure(profile: status.name, state: status.state, reason: Self.reason(for: status, now: now))
        }
    }

    public var isHealthy: Bool { failures.isEmpty }

    /// 200 when healthy, else 503.
    public var httpStatus: Int { isHealthy ? 200 : 503 }

    /// Plain text: `ok: ...` or `unhealthy: ...` then one line per failing profile. Control
    /// characters a server sent are escaped (`TerminalText`): someone may `curl` it in a terminal.
    public var body: String {
        if isHealthy {
            return checked == 0
                ? "ok: no enabled profiles\n"
                : checked == 1
                    ? "ok: 1 of 1 enabled profile holds a valid token\n"
                    : "ok: \(checked) of \(checked) enabled profiles hold a valid token\n"
        }
        var lines = [
            "unhealthy: \(failures.count) of \(checked) enabled profile\(checked == 1 ? "" : "s") without a valid token"
        ]
        for failure in failures {
            lines.append(TerminalText.escaped("\(failure.profile): \(failure.state.rawValue): \(failure.reason)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a profile has no valid token, from its state and last attempt. Names no secret: the
    /// record carries only HTTP status, resultCode, the server's message and our own error text.
    static func reason(for status: ProfileStatus, now: Date) -> String {
        var parts: [String] = []
        switch status.state {
        case .fetching: parts.append("no token yet, first request in progress")
        case .rejected: parts.append("the server refused the credentials; fix them and reload")
        case .failing: parts.append("no token yet, retrying")
        case .expired, .stale, .valid, .refreshing:
            if let expiresAt = status.expiresAt {
                let ago = now.timeIntervalSince(expiresAt)
                parts.append(
                    ago >= 0
                        ? "token expired \(CountdownText.clock(Int(ago.rounded(.up)))) ago"
                        : "token expires in \(CountdownText.clock(Int((-ago).rounded(.down)))), inside the safety margin"
                )
            } else {
                parts.append("no token")
            }
        case .paused: parts.append(status.expiresAt == nil ? "paused, no token" : "paused, token expired")
        case .disabled: parts.append("disabled")
        }
        if let attempt = status.lastAttempt, attempt.outcome != .success {
            parts.append("last attempt \(attempt.outcome.rawValue): \(attempt.summary())")
        }
        return String(parts.joined(separator: "; ").prefix(500))
    }
}
