import Dashboard
import Foundation
import TokenModel

/// The fixture's profiles with a day of attempts that carry token expiries, for the sparkline and
/// the timeline. acme-cards-uat refreshes every 4 minutes (5-minute tokens) and had no token from
/// 20:02 to 20:06: its 19:56 token expired while three tries failed.
enum PlotFixture {
    static let now = Fixture.now

    static func success(_ profile: String, at seconds: Double, lifetime: Double, ms: Int = 120) -> AttemptRecord {
        var record = Fixture.record(
            profile, at: seconds, .success, code: .number(0), message: "Success", http: 200, ms: ms)
        record.expiresAt = record.finishedAt.addingTimeInterval(lifetime)
        return record
    }

    static func failure(_ profile: String, at seconds: Double, _ outcome: AttemptOutcome = .transient, ms: Int = 3)
        -> AttemptRecord
    {
        Fixture.record(
            profile, at: seconds, outcome, http: outcome == .rejected ? 401 : 503, ms: ms,
            error: outcome == .rejected ? "EnKash refused the credentials" : "HTTP 503 Service Unavailable")
    }

    /// Seconds before `now` of the acme-cards-uat gap: no token from -1200 (20:02) to -960 (20:06).
    static let gapStart = -1200.0
    static let gapEnd = -960.0

    static var records: [AttemptRecord] {
        var records: [AttemptRecord] = []
        // acme: every 4 minutes over the last two hours, latencies varying, the gap at 20:02.
        var at = -7200.0
        while at < -60 {
            if at > gapStart - 360, at < gapEnd {
                at += 240
                continue
            }
            // Latencies of 80-320 ms, varying from one attempt to the next.
            let ms = 80 + Int(at.magnitude) % 7 * 40
            records.append(success("acme-cards-uat", at: at, lifetime: 300, ms: ms))
            at += 240
        }
        records.append(success("acme-cards-uat", at: gapStart - 300, lifetime: 300))
        for offset in [-1140.0, -1080.0, -1020.0] { records.append(failure("acme-cards-uat", at: offset, ms: 2000)) }
        // bharat: every 30 minutes, hour-long tokens, over the day.
        for step in stride(from: -86400.0, to: 0, by: 1800) {
            records.append(success("bharat-pg-live", at: step, lifetime: 3600, ms: 311))
        }
        // dosa: its last token expired 12 s ago; retries fail.
        records.append(success("dosa-pg-uat", at: -3612, lifetime: 3600, ms: 90))
        for offset in [-300.0, -40, -8] { records.append(failure("dosa-pg-uat", at: offset, ms: 41)) }
        // fern: a good token until EnKash refused the credentials two minutes ago.
        records.append(success("fern-pg-live", at: -2400, lifetime: 3600, ms: 98))
        records.append(failure("fern-pg-live", at: -120, .rejected, ms: 98))
        // east: never got a token.
        for offset in [-75.0, -45, -15] { records.append(failure("east-cards-uat", at: offset, ms: 4)) }
        return records.sorted { $0.finishedAt < $1.finishedAt }
    }

    static func state(cols: Int, rows: Int, glyphs: Glyphs = .unicode) -> DashboardState {
        var state = Fixture.state(cols: cols, rows: rows)
        state.log = AttemptLog(capacity: 10_000, records: records)
        state.glyphs = glyphs
        return state
    }
}
