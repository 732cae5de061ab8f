import Dashboard
import Foundation
import TokenModel

/// Profiles in every state at a fixed moment, as the demo shows them.
enum Fixture {
    /// 2026-11-24T20:22:00Z
    static let now = Date(timeIntervalSince1970: 1_795_551_720)

    static func at(_ seconds: Double) -> Date { now.addingTimeInterval(seconds) }

    static func profile(
        _ name: String, _ merchant: String, _ environment: String, _ state: ProfileState, tags: [String] = [],
        issued: Double? = nil, expires: Double? = nil, next: Double? = nil, attempts: Int = 1,
        last: AttemptRecord? = nil, enabled: Bool = true, paused: Bool = false, proxy: String? = nil
    ) -> ProfileStatus {
        let base = environment.hasPrefix("pg") ? "https://olympus-pg-uat.enkash.in" : "https://pay-uat.enkash.in"
        return ProfileStatus(
            name: name, merchant: merchant, environment: environment, host: "enkash", baseURL: base,
            maskedAccessKey: "AK••••\(String(name.prefix(2)).uppercased())42", tags: tags, enabled: enabled,
            paused: paused,
            state: state, tokenFingerprint: expires == nil ? nil : "3f9a\(String(name.prefix(4)))c2b7",
            issuedAt: issued.map(at), expiresAt: expires.map(at), nextRefreshAt: next.map(at), attempts: attempts,
            lastAttempt: last, proxy: proxy)
    }

    static func record(
        _ profile: String, at seconds: Double, _ outcome: AttemptOutcome, code: ResultCode? = nil,
        message: String? = nil,
        http: Int? = nil, ms: Int = 120, error: String? = nil, trigger: AttemptTrigger = .scheduled, attempt: Int = 1,
        skew: Double? = nil
    ) -> AttemptRecord {
        var record = AttemptRecord(
            profile: profile, trigger: trigger, startedAt: at(seconds), latency: .milliseconds(ms), httpStatus: http,
            resultCode: code, resultMessage: message, outcome: outcome, error: error,
            skew: skew.map { .seconds(double: $0) })
        record.attempt = attempt
        return record
    }

    static let ok = record(
        "acme-cards-uat", at: -60, .success, code: .number(0), message: "Success", http: 200, ms: 142, skew: 0.4)

    static let profiles: [ProfileStatus] = [
        profile(
            "acme-cards-uat", "Acme Retail", "cards-uat", .valid, tags: ["retail", "uat"],
            issued: -60, expires: 299.6, next: 240, attempts: 3, last: ok, proxy: "10.0.0.5:3128"),
        profile(
            "bharat-pg-live", "Bharat Foods", "pg-live", .refreshing, tags: ["food"],
            issued: -3538, expires: 62, next: 0, attempts: 12,
            last: record(
                "bharat-pg-live", at: -3538, .success, code: .number(0), message: "Success", http: 200, ms: 311)),
        profile(
            "chai-cards-live", "Chai Point", "cards-live", .stale,
            issued: -3477, expires: 3723, next: 30, attempts: 7,
            last: record(
                "chai-cards-live", at: -30, .transient, http: 503, ms: 2034, error: "HTTP 503 Service Unavailable",
                trigger: .retry, attempt: 2)),
        profile(
            "dosa-pg-uat", "Dosa Express", "pg-uat", .expired,
            issued: -3612, expires: -12, next: 5, attempts: 9,
            last: record(
                "dosa-pg-uat", at: -8, .transient, ms: 10_000, error: "timed out after 10s", trigger: .retry, attempt: 4
            )),
        profile(
            "east-cards-uat", "Eastern Traders", "cards-uat", .failing, tags: ["uat"],
            next: 15, attempts: 3,
            last: record(
                "east-cards-uat", at: -15, .transient, ms: 3, error: "connection refused (pay-uat.enkash.in:443)",
                trigger: .retry, attempt: 3)),
        profile(
            "fern-pg-live", "Fern & Co", "pg-live", .rejected,
            attempts: 1,
            last: record(
                "fern-pg-live", at: -120, .rejected, code: .number(1003), message: "Invalid access key or secret",
                http: 401, ms: 98, error: "EnKash refused the credentials")),
        profile(
            "ganga-cards-live", "Ganga Travels", "cards-live", .paused, tags: ["travel"],
            issued: -1800, expires: 1800, attempts: 2,
            last: record(
                "ganga-cards-live", at: -1800, .success, code: .text("0"), message: "Success", http: 200, ms: 87),
            paused: true),
        profile("himal-pg-uat", "Himalaya Tea", "pg-uat", .disabled, attempts: 0, enabled: false),
        profile("indus-cards-uat", "Indus Motors", "cards-uat", .fetching, next: 0, attempts: 0),
    ]

    static let log: [AttemptRecord] = [
        record(
            "ganga-cards-live", at: -1800, .success, code: .text("0"), message: "Success", http: 200, ms: 87,
            trigger: .initial),
        record("bharat-pg-live", at: -3538 + 1740, .success, code: .number(0), message: "Success", http: 200, ms: 311),
        record("dosa-pg-uat", at: -300, .transient, http: 502, ms: 41, error: "HTTP 502 Bad Gateway"),
        record(
            "fern-pg-live", at: -120, .rejected, code: .number(1003), message: "Invalid access key or secret",
            http: 401, ms: 98, trigger: .initial),
        record(
            "east-cards-uat", at: -75, .transient, ms: 4, error: "connection refused (pay-uat.enkash.in:443)",
            trigger: .initial),
        record("chai-cards-live", at: -60, .transient, http: 503, ms: 1890, error: "HTTP 503 Service Unavailable"),
        ok,
        record(
            "east-cards-uat", at: -45, .transient, ms: 3, error: "connection refused (pay-uat.enkash.in:443)",
            trigger: .retry, attempt: 2),
        record(
            "dosa-pg-uat", at: -40, .transient, ms: 10_000, error: "timed out after 10s", trigger: .retry, attempt: 3),
        record(
            "chai-cards-live", at: -30, .transient, http: 503, ms: 2034, error: "HTTP 503 Service Unavailable",
            trigger: .retry, attempt: 2),
        record(
            "east-cards-uat", at: -15, .transient, ms: 3, error: "connection refused (pay-uat.enkash.in:443)",
            trigger: .retry, attempt: 3),
        record(
            "dosa-pg-uat", at: -8, .transient, ms: 10_000, error: "timed out after 10s", trigger: .retry, attempt: 4),
    ]

    static let themeNames = ["default", "dark", "high-contrast", "light", "mono", "nord", "solarized"]

    static func state(cols: Int = 120, rows: Int = 40) -> DashboardState {
        DashboardState(
            profiles: profiles, configSource: "DEMO", size: TerminalSize(cols: cols, rows: rows), now: now,
            timeZone: .gmt, themeName: "default", themeNames: themeNames, log: AttemptLog(records: log))
    }
}
