import Foundation
import ResultLog
import Soak
import Testing
import TokenModel

/// The fault soak's analysis on crafted inputs: each check passes on a good run and fails on the
/// failure it exists to catch.
@Suite struct SoakAnalysisTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    func attempt(
        _ start: Double, _ end: Double, _ outcome: AttemptOutcome, trigger: AttemptTrigger = .retry, status: Int? = nil,
        try number: Int = 1, expires: Double? = nil, profile: String = "p"
    ) -> SoakAttempt {
        SoakAttempt(
            profile: profile, startedAt: at(start), finishedAt: at(end), outcome: outcome, trigger: trigger,
            httpStatus: status, attempt: number, expiresAt: expires.map(at))
    }

    // MARK: Result-log lines

    @Test func aResultLogLineReadsBackWithItsTimes() throws {
        let record = AttemptRecord(
            profile: "p", trigger: .scheduled, startedAt: at(0), latency: .milliseconds(1500), httpStatus: 200,
            outcome: .success, expiryMs: at(61.5).epochMilliseconds, expiresAt: at(61.5), tokenFingerprint: "abc")
        let line = ResultLogEntry(record: record, merchant: "M", host: "h", nextRefreshAt: at(30)).jsonLine
        let parsed = try #require(SoakAttempt(line: Substring(line)))
        #expect(parsed.profile == "p")
        #expect(abs(parsed.startedAt.timeIntervalSince(at(0))) < 0.002)
        #expect(abs(parsed.finishedAt.timeIntervalSince(at(1.5))) < 0.002)
        #expect(parsed.outcome == .success && parsed.trigger == .scheduled && parsed.httpStatus == 200)
        #expect(parsed.expiresAt.map { abs($0.timeIntervalSince(at(61.5))) < 0.002 } == true)
        #expect(parsed.nextRefreshAt.map { abs($0.timeIntervalSince(at(30))) < 0.002 } == true)

        let reader = ResultLogReader(text: line + "\n" + String(line.prefix(40)) + "\n" + line + "\n")
        #expect(reader.lineCount == 3)
        #expect(reader.unparsedLines == 1)
        #expect(reader.lines(for: "p") == 2)
    }

    // MARK: Lost lines

    @Test func lostAndExtraLinesAreCountedPerProfile() {
        #expect(LineAccounting(sandboxRequests: ["a": 5, "b": 2], logLines: ["a": 5, "b": 2]).passed)
        let lost = LineAccounting(sandboxRequests: ["a": 5, "b": 2], logLines: ["a": 4, "b": 2])
        #expect(!lost.passed && lost.lost == 1 && lost.extra == 0)
        #expect(lost.mismatches == ["a: sandbox 5, log 4"])
        let extra = LineAccounting(sandboxRequests: ["a": 5], logLines: ["a": 5, "b": 1])
        #expect(!extra.passed && extra.lost == 0 && extra.extra == 1)
    }

    // MARK: RSS

    @Test func rssMayGrowTenPercentPlusFourMiB() {
        #expect(RSSFlatness(startKiB: 100 * 1024, endKiB: 114 * 1024, maxKiB: 114 * 1024).passed)
        #expect(!RSSFlatness(startKiB: 100 * 1024, endKiB: 115 * 1024, maxKiB: 115 * 1024).passed)
        #expect(!RSSFlatness(startKiB: 0, endKiB: 0, maxKiB: 0).passed)
    }

    // MARK: Retry spacing

    func spacing(_ list: [SoakAttempt], retryAfter: Duration? = nil) -> RetrySpacingAnalysis {
        RetrySpacingAnalysis(attempts: ["p": list], retryAfter: retryAfter)
    }

    @Test func retriesAfterFailuresFollowTheBackoff() {
        // Try 1 failed: at least 1 s x 0.75.
        #expect(spacing([attempt(0, 1, .transient, trigger: .initial), attempt(1.8, 2, .transient)]).passed)
        let storm = spacing([attempt(0, 1, .transient, trigger: .initial), attempt(1.3, 2, .transient)])
        #expect(!storm.passed && storm.violations == 1)
        #expect(storm.minimumRatio.map { $0 < 0.5 } == true)
        // Try 3 failed: at least 4 s x 0.75 = 3 s.
        #expect(!spacing([attempt(0, 1, .transient, try: 3), attempt(3, 3.1, .transient, try: 4)]).passed)
        #expect(spacing([attempt(0, 1, .transient, try: 3), attempt(4.05, 4.1, .transient, try: 4)]).passed)
        // Manual attempts are the operator's business.
        #expect(spacing([attempt(0, 1, .transient), attempt(1.01, 2, .transient, trigger: .manual)]).passed)
    }

    @Test func a429WaitsForItsRetryAfter() {
        let list = [attempt(0, 1, .transient, status: 429), attempt(2, 2.1, .transient, try: 2)]
        #expect(spacing(list).passed)
        #expect(!spacing(list, retryAfter: .seconds(3)).passed)
        #expect(spacing([list[0], attempt(4.1, 4.2, .transient, try: 2)], retryAfter: .seconds(3)).passed)
    }

    @Test func aValidTokenShortensTheBackoffToHalfItsRemainingLife() {
        // Token valid until 26 (expiry 36); try 3 fails at 22: backoff >= 3 s, but half of the
        // 4 s left is 2 s.
        let list = [
            attempt(0, 1, .success, trigger: .initial, expires: 36),
            attempt(14.5, 15, .transient, trigger: .scheduled, try: 1),
            attempt(17, 18, .transient, try: 2),
            attempt(20, 22, .transient, try: 3),
        ]
        #expect(spacing(list).passed)
        #expect(spacing(list + [attempt(24.05, 25, .transient, try: 4)]).passed)
        #expect(!spacing(list + [attempt(23, 25, .transient, try: 4)]).passed)
    }

    @Test func refreshesAfterSuccessWaitForTheWindow() {
        // A 60 s token issued at 1: the window opens 60 - 1.25 x 30 = 22.5 s after issue.
        let token = attempt(0, 1, .success, trigger: .initial, expires: 61)
        #expect(spacing([token, attempt(23.6, 24, .success, trigger: .scheduled, expires: 84)]).passed)
        #expect(!spacing([token, attempt(11, 12, .success, trigger: .scheduled, expires: 72)]).passed)
    }

    @Test func withoutAValidTokenARetryMayNotComeLaterThanTheCeiling() {
        // Try 9 failed with no token: the policy waits 45-60 s; 69 s is within the 10 s
        // tolerance, 71 s is giving up too long.
        let failed = attempt(0, 1, .transient, try: 9)
        let inTime = spacing([failed, attempt(70, 70.5, .transient, try: 10)])
        #expect(inTime.passed && inTime.tokenlessWaitsJudged == 1 && inTime.lateRetries == 0)
        let late = spacing([failed, attempt(72, 72.5, .transient, try: 10)])
        #expect(!late.passed && late.lateRetries == 1 && late.violations == 0)
        #expect(late.longestTokenlessWait.map { abs($0 - 71) < 1e-6 } == true)
        // A longer Retry-After moves the ceiling; a still-valid token takes the rule away.
        let told = [attempt(0, 1, .transient, status: 429, try: 9), attempt(120, 121, .transient, try: 10)]
        #expect(spacing(told, retryAfter: .seconds(115)).lateRetries == 0)
        #expect(spacing(told, retryAfter: .seconds(3)).lateRetries == 1)
        let holding = [
            attempt(0, 1, .success, trigger: .initial, expires: 3_600),
            attempt(500, 501, .transient, trigger: .scheduled, try: 1),
            attempt(700, 701, .transient, try: 2),
        ]
        #expect(spacing(holding).tokenlessWaitsJudged == 0)
    }

    @Test func theBusiestMinuteIsCounted() {
        let list = (0..<10).map { attempt(Double($0) * 5, Double($0) * 5 + 0.1, .transient, try: 1) }
        #expect(spacing(list).maxAttemptsPerMinute == 10)
        let spread = (0..<10).map { attempt(Double($0) * 30, Double($0) * 30 + 0.1, .transient, try: 1) }
        #expect(spacing(spread).maxAttemptsPerMinute == 2)
    }

    // MARK: Token gaps

    func gaps(_ samples: [StateSample], issued: [String: Int]? = nil, end: Double = 100) -> TokenGapAnalysis {
        let log = [
            attempt(0, 1, .success, trigger: .initial, expires: 61),
            attempt(30, 31, .transient, trigger: .scheduled),
            attempt(32, 33, .success, expires: 93),
        ]
        return TokenGapAnalysis(attempts: ["p": log], samples: samples, issued: issued, end: at(end))
    }

    @Test func aStateWithoutATokenAfterASuccessIsAGap() {
        let good = gaps([
            StateSample(profile: "p", at: at(20), state: "valid"),
            StateSample(profile: "p", at: at(31), state: "stale"),
        ])
        #expect(good.passed && good.samplesJudged == 2)
        let bad = gaps([
            StateSample(profile: "p", at: at(20), state: "expired"),
            StateSample(profile: "p", at: at(21), state: "valid"),
        ])
        #expect(!bad.passed && bad.gapSamples == 1 && abs(bad.gapSeconds - 1) < 0.001)
        // Right after the answer, the state may lag: not judged.
        let early = gaps([StateSample(profile: "p", at: at(1.5), state: "fetching")])
        #expect(early.passed && early.samplesJudged == 0)
    }

    @Test func aStateClaimingAnExpiredTokenIsCaught() {
        // The newest token (expires 93) is past its margin from 83.
        #expect(!gaps([StateSample(profile: "p", at: at(90), state: "valid")]).passed)
        #expect(gaps([StateSample(profile: "p", at: at(90), state: "expired")]).passed)
    }

    @Test func issuedTokensMissingFromTheLogAreGaps() {
        #expect(gaps([], issued: ["p": 2]).passed)
        let lost = gaps([], issued: ["p": 3])
        #expect(!lost.passed && lost.unreceivedSuccesses == 1)
    }

    @Test func aTokenIssuedToARequestCancelledAtStopIsNotAGap() {
        let log = [
            attempt(0, 1, .success, trigger: .initial, expires: 61),
            attempt(30, 31.5, .transient, trigger: .scheduled),
        ]
        let stopped = TokenGapAnalysis(
            attempts: ["p": log], samples: [], issued: ["p": 2], end: at(31), stoppedAt: at(31))
        #expect(stopped.passed && stopped.cutOffAtStop == 1)
        // The same answer lost while the daemon ran is a gap.
        let running = TokenGapAnalysis(
            attempts: ["p": log], samples: [], issued: ["p": 2], end: at(40), stoppedAt: at(40))
        #expect(!running.passed && running.unreceivedSuccesses == 1)
    }

    @Test func windowsWithNoSuccessAreReportedNotFailed() {
        let log = [
            attempt(0, 1, .success, trigger: .initial, expires: 30),
            attempt(40, 41, .success, expires: 70),
        ]
        let result = TokenGapAnalysis(attempts: ["p": log], samples: [], issued: nil, end: at(80))
        #expect(result.passed)
        #expect(result.noSuccessWindows == 2)
        #expect(abs(result.noSuccessSeconds - 21) < 0.001)
        #expect(abs(result.longestNoSuccessSeconds - 11) < 0.001)
    }

    @Test func metricsTextGivesEachProfilesState() {
        let text = """
            # TYPE tokentop_profile_state gauge
            tokentop_profile_state{profile="a",state="valid"} 1.0
            tokentop_profile_state{profile="a",state="stale"} 0.0
            tokentop_profile_state{state="expired",profile="b"} 1
            tokentop_token_expiry_seconds{profile="a"} 12.5
            """
        #expect(MetricsText.states(in: text) == ["a": "valid", "b": "expired"])
    }
}
