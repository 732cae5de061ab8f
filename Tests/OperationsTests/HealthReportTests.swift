import Foundation
import Operations
import Testing

@Suite struct HealthReportTests {
    @Test func everyEnabledProfileWithAValidTokenIsHealthy() {
        let report = HealthReport(
            statuses: [
                Statuses.status("a", state: .valid, expiresIn: 200),
                Statuses.status("b", state: .refreshing, expiresIn: 30),
                Statuses.status("off", state: .disabled, enabled: false),
            ], now: Statuses.now)
        #expect(report.httpStatus == 200)
        #expect(report.isHealthy)
        #expect(report.body == "ok: 2 of 2 enabled profiles hold a valid token\n")
    }

    @Test func oneHealthyProfileIsSaidInTheSingular() {
        let report = HealthReport(statuses: [Statuses.status("a", state: .valid, expiresIn: 200)], now: Statuses.now)
        #expect(report.body == "ok: 1 of 1 enabled profile holds a valid token\n")
    }

    @Test func noEnabledProfilesIsNotAFailure() {
        let report = HealthReport(
            statuses: [Statuses.status("off", state: .disabled, enabled: false)], now: Statuses.now)
        #expect(report.httpStatus == 200)
        #expect(report.body == "ok: no enabled profiles\n")
    }

    @Test func failingProfilesAreListedWithWhy() {
        let refused = Statuses.record(
            "nova", outcome: .rejected, code: .number(1001), http: 401, message: "Invalid credentials",
            error: "the server refused the credentials")
        let down = Statuses.record("chai", outcome: .transient, code: nil, http: 503, error: "HTTP 503 from the server")
        let report = HealthReport(
            statuses: [
                Statuses.status("acme", state: .valid, expiresIn: 200),
                Statuses.status("nova", state: .rejected, lastAttempt: refused),
                Statuses.status("chai", state: .expired, expiresIn: -12, lastAttempt: down),
                Statuses.status("edge", state: .valid, expiresIn: 5),
                Statuses.status("new", state: .fetching),
            ], now: Statuses.now)
        #expect(report.httpStatus == 503)
        #expect(report.failures.map(\.profile) == ["nova", "chai", "edge", "new"])
        let lines = report.body.split(separator: "\n").map(String.init)
        #expect(lines.first == "unhealthy: 4 of 5 enabled profiles without a valid token")
        #expect(
            lines[1]
                == "nova: rejected: the server refused the credentials; fix them and reload; last attempt rejected: "
                + "the server refused the credentials (HTTP 401, resultCode 1001): Invalid credentials"
        )
        #expect(lines[2] == "chai: expired: token expired 0:12 ago; last attempt transient: HTTP 503 from the server")
        #expect(lines[3] == "edge: valid: token expires in 0:05, inside the safety margin")
        #expect(lines[4] == "new: fetching: no token yet, first request in progress")
        #expect(!report.body.contains(Statuses.fingerprint))
    }

    @Test func controlCharactersFromTheServerAreEscaped() {
        let hostile = Statuses.record(
            "x", outcome: .rejected, code: .number(1001), http: 401,
            message: "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F} नमस्ते 🙂",
            error: "credentials refused")
        let report = HealthReport(
            statuses: [Statuses.status("x", state: .rejected, lastAttempt: hostile)], now: Statuses.now)
        #expect(
            !report.body.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
        )
        #expect(
            report.body.hasSuffix(#"(HTTP 401, resultCode 1001): \x1B]0;pwned\x07\x1B[2J\x9B31m\x7F नमस्ते 🙂"# + "\n"),
            "\(report.body)")
    }

    @Test func aMultiLineServerMessageStaysOnOneLine() {
        let odd = Statuses.record("x", outcome: .rejected, code: .number(7), http: 400, message: "line one\nline two")
        let report = HealthReport(
            statuses: [Statuses.status("x", state: .rejected, lastAttempt: odd)], now: Statuses.now)
        #expect(report.body.split(separator: "\n").count == 2)
    }
}
