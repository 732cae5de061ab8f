import Foundation
import Refresh
import SeededRandomness
import Testing
import TokenModel

@Suite struct RefreshPolicyTests {
    let policy = RefreshPolicy()
    let issued = Date(timeIntervalSince1970: 1_800_000_000)

    func token(lifetime: Double) -> IssuedToken {
        IssuedToken(
            value: SecretString("t"), issuedAt: issued, serverExpiryMs: 0,
            expiresAt: issued.addingTimeInterval(lifetime))
    }

    @Test func leadIsTheLargerOfBeforeAndFifteenPercentCappedAtHalf() {
        #expect(policy.lead(lifetime: .seconds(3600), before: .seconds(120)) == .seconds(540))
        #expect(policy.lead(lifetime: .seconds(600), before: .seconds(120)) == .seconds(120))
        #expect(policy.lead(lifetime: .seconds(60), before: .seconds(120)) == .seconds(30))
    }

    @Test func refreshFallsInTheWindow() {
        var rng = SeededRandom(seed: 7)
        let long = token(lifetime: 3600)
        for _ in 0..<500 {
            let at = policy.refreshTime(for: long, before: .seconds(120), using: &rng)
            let beforeExpiry = long.expiresAt.timeIntervalSince(at)
            #expect(beforeExpiry >= 540 - 0.001 && beforeExpiry <= 675 + 0.001)
        }
    }

    @Test func shortLivedTokensAreNotRefreshedImmediatelyNorTooLate() {
        var rng = SeededRandom(seed: 3)
        for lifetime in [15.0, 20, 30, 60, 120] {
            let short = token(lifetime: lifetime)
            for _ in 0..<100 {
                let at = policy.refreshTime(for: short, before: .seconds(120), using: &rng)
                #expect(at > issued, "lifetime \(lifetime)")
                #expect(at < short.expiresAt.addingTimeInterval(-10), "lifetime \(lifetime)")
            }
        }
    }

    @Test func veryLongTokensAreRefreshedWithinADay() {
        var rng = SeededRandom(seed: 1)
        let century = token(lifetime: 100 * 365 * 86400)
        #expect(
            policy.refreshTime(for: century, before: .seconds(120), using: &rng) <= issued.addingTimeInterval(86400))
    }

    @Test func backoffDoublesFromOneSecondToFiveMinutesWithJitter() {
        var rng = SeededRandom(seed: 11)
        let expected: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
        for (index, base) in expected.enumerated() {
            for _ in 0..<50 {
                let delay = policy.backoff(failures: index + 1, using: &rng).seconds
                #expect(delay <= base + 1e-9 && delay >= base * 0.75 - 1e-9, "step \(index + 1): \(delay)")
            }
        }
    }

    @Test func retryNeverLaterThanHalfTheRemainingLife() {
        var rng = SeededRandom(seed: 5)
        let now = issued.addingTimeInterval(200)
        let valid = token(lifetime: 250)  // 50 s left, 40 s before the margin
        let at = policy.retryTime(now: now, failures: 12, validToken: valid, retryAfter: nil, using: &rng)
        #expect(at.timeIntervalSince(now) <= 20 + 1e-6)
        let longLived = token(lifetime: 86400)  // most of a day left: the full 5 min backoff
        let unbounded = policy.retryTime(now: now, failures: 12, validToken: longLived, retryAfter: nil, using: &rng)
        #expect(unbounded.timeIntervalSince(now) >= 225)
    }

    @Test func withoutAValidTokenTheBackoffStopsAtOneMinute() {
        var rng = SeededRandom(seed: 8)
        let now = issued.addingTimeInterval(300)
        let expired = token(lifetime: 250)  // expired 50 s ago
        for failures in [7, 9, 12, 30] {
            for held in [nil, expired] {
                let at = policy.retryTime(now: now, failures: failures, validToken: held, retryAfter: nil, using: &rng)
                let wait = at.timeIntervalSince(now)
                #expect(wait <= 60 + 1e-6 && wait >= 45 - 1e-6, "failures \(failures): \(wait)")
            }
        }
        // Below the ceiling the doubling is unchanged, and a longer Retry-After still wins.
        let early = policy.retryTime(now: now, failures: 3, validToken: nil, retryAfter: nil, using: &rng)
        #expect(early.timeIntervalSince(now) <= 4 + 1e-6 && early.timeIntervalSince(now) >= 3 - 1e-6)
        let told = policy.retryTime(now: now, failures: 12, validToken: nil, retryAfter: .seconds(120), using: &rng)
        #expect(told.timeIntervalSince(now) >= 120 - 1e-6)
    }

    @Test func retryAfterIsHonoured() {
        var rng = SeededRandom(seed: 5)
        let at = policy.retryTime(now: issued, failures: 1, validToken: nil, retryAfter: .seconds(30), using: &rng)
        #expect(at.timeIntervalSince(issued) >= 30)
    }

    @Test func rejectionRetryWithinFiveMinutes() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<50 {
            let wait = policy.rejectionRetryTime(now: issued, using: &rng).timeIntervalSince(issued)
            #expect(wait >= 225 && wait <= 300)
        }
    }
}
