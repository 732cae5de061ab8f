import Foundation
import Operations
import Testing
import TokenModel

@Suite struct TokenMetricsTests {
    @Test func scrapeShowsExpiryStateAndLastSuccessPerProfile() async {
        let metrics = TokenMetrics()
        let text = await metrics.scrape(
            [
                Statuses.status("acme", state: .valid, expiresIn: 250.5, lastSuccessAgo: 50),
                Statuses.status("nova", state: .rejected),
            ], now: Statuses.now)
        let samples = text.samples
        #expect(samples.contains(#"tokentop_token_expiry_seconds{profile="acme"} 250.5"#))
        #expect(!samples.contains { $0.hasPrefix(#"tokentop_token_expiry_seconds{profile="nova"}"#) })
        #expect(samples.contains(#"tokentop_profile_state{profile="acme",state="valid"} 1.0"#))
        #expect(samples.contains(#"tokentop_profile_state{profile="acme",state="rejected"} 0.0"#))
        #expect(samples.contains(#"tokentop_profile_state{profile="nova",state="rejected"} 1.0"#))
        #expect(samples.filter { $0.hasPrefix("tokentop_profile_state{") }.count == 2 * ProfileState.allCases.count)
        let expected = Statuses.now.timeIntervalSince1970 - 50
        #expect(samples.contains { $0 == #"tokentop_last_success_timestamp_seconds{profile="acme"} "# + "\(expected)" })
        #expect(text.contains("# TYPE tokentop_profile_state gauge"))
        #expect(text.contains("# HELP tokentop_token_expiry_seconds "))
    }

    @Test func attemptsAreCountedByOutcomeAndResultCodeWithLatency() async {
        let metrics = TokenMetrics()
        await metrics.observe(.attemptFinished(Statuses.record("acme", outcome: .success, code: .number(0))))
        await metrics.observe(.attemptFinished(Statuses.record("acme", outcome: .success, code: .number(0))))
        await metrics.observe(
            .attemptFinished(Statuses.record("acme", outcome: .transient, code: nil, latency: .seconds(3), http: 503)))
        await metrics.observe(
            .attemptFinished(Statuses.record("nova", outcome: .rejected, code: .text("E1001"), http: 401)))
        await metrics.observe(.attemptStarted(profile: "acme", trigger: .manual, at: Statuses.now))
        let samples = await metrics.scrape(
            [Statuses.status("acme", state: .valid, expiresIn: 100), Statuses.status("nova", state: .rejected)],
            now: Statuses.now
        ).samples
        #expect(
            samples.contains(#"tokentop_refresh_attempts_total{profile="acme",outcome="success",result_code="0"} 2"#))
        #expect(
            samples.contains(
                #"tokentop_refresh_attempts_total{profile="acme",outcome="transient",result_code="none"} 1"#))
        #expect(
            samples.contains(
                #"tokentop_refresh_attempts_total{profile="nova",outcome="rejected",result_code="E1001"} 1"#))
        #expect(samples.contains(#"tokentop_refresh_latency_seconds_count{profile="acme"} 3"#))
        #expect(samples.contains(#"tokentop_refresh_latency_seconds_bucket{profile="acme",le="0.05"} 2"#))
        #expect(samples.contains(#"tokentop_refresh_latency_seconds_bucket{profile="acme",le="+Inf"} 3"#))
        #expect(samples.contains { $0.hasPrefix(#"tokentop_refresh_latency_seconds_sum{profile="acme"} 3.08"#) })
    }

    @Test func aProfileRemovedByReloadLosesEverySeries() async {
        let metrics = TokenMetrics()
        await metrics.observe(.attemptFinished(Statuses.record("gone", outcome: .success, code: .number(0))))
        _ = await metrics.scrape(
            [
                Statuses.status("gone", state: .valid, expiresIn: 100, lastSuccessAgo: 1),
                Statuses.status("kept", state: .valid, expiresIn: 100),
            ], now: Statuses.now)
        let text = await metrics.scrape([Statuses.status("kept", state: .valid, expiresIn: 90)], now: Statuses.now)
        #expect(!text.contains(#"profile="gone""#))
        #expect(text.contains(#"tokentop_token_expiry_seconds{profile="kept"} 90.0"#))
        #expect(await metrics.profiles == ["kept"])
        // Added back later: fresh series, counting from zero.
        await metrics.observe(.attemptFinished(Statuses.record("gone", outcome: .success, code: .number(0))))
        let again = await metrics.scrape(
            [Statuses.status("gone", state: .fetching), Statuses.status("kept", state: .valid, expiresIn: 90)],
            now: Statuses.now)
        #expect(again.contains(#"tokentop_refresh_attempts_total{profile="gone",outcome="success",result_code="0"} 1"#))
    }

    @Test func expiryGoesAwayWhenTheTokenDoes() async {
        let metrics = TokenMetrics()
        _ = await metrics.scrape([Statuses.status("acme", state: .valid, expiresIn: 30)], now: Statuses.now)
        let text = await metrics.scrape([Statuses.status("acme", state: .paused)], now: Statuses.now)
        #expect(!text.contains("tokentop_token_expiry_seconds{"))
        #expect(text.contains(#"tokentop_profile_state{profile="acme",state="paused"} 1.0"#))
    }

    @Test func resultCodesFromTheServerCannotGrowSeriesWithoutBound() async {
        let metrics = TokenMetrics()
        for code in 0..<40 {
            await metrics.observe(
                .attemptFinished(Statuses.record("acme", outcome: .rejected, code: .text("code-\(code)\n\"x\""))))
        }
        let samples = await metrics.scrape([Statuses.status("acme", state: .rejected)], now: Statuses.now).samples
        let attempts = samples.filter { $0.hasPrefix("tokentop_refresh_attempts_total{") }
        #expect(attempts.count == TokenMetrics.maxResultCodesPerProfile + 1)
        #expect(
            attempts.contains(
                #"tokentop_refresh_attempts_total{profile="acme",outcome="rejected",result_code="other"} 24"#))
        #expect(attempts.allSatisfy { !$0.contains("\n") })
    }

    /// Only profile, state, outcome and result_code labels: a token, its fingerprint, the access
    /// key, the merchant, the server's message and our error text never reach the exposition.
    @Test func noSecretOrTokenDetailEverAppears() async {
        let metrics = TokenMetrics()
        let secretish = "S3CRET-tok-\(UUID().uuidString)"
        await metrics.observe(
            .attemptFinished(
                Statuses.record(
                    "acme", outcome: .rejected, code: .number(1001), http: 401, message: "bad \(secretish)",
                    error: "refused \(secretish)")))
        await metrics.observe(.attemptFinished(Statuses.record("acme", outcome: .success, code: .number(0))))
        var status = Statuses.status("acme", state: .valid, expiresIn: 100, lastSuccessAgo: 1)
        status.tokenFingerprint = Statuses.fingerprint
        status.merchant = secretish
        status.maskedAccessKey = secretish
        status.baseURL = "https://\(secretish).example"
        status.host = secretish
        status.tags = [secretish]
        let text = await metrics.scrape([status], now: Statuses.now)
        #expect(!text.contains(secretish))
        #expect(!text.contains(Statuses.fingerprint))
        #expect(!text.contains("AKXX"))
        let labelNames = Set(
            text.samples.flatMap { line -> [String] in
                guard let open = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}") else { return [] }
                return line[line.index(after: open)..<close].split(separator: ",").compactMap {
                    $0.split(separator: "=").first.map(String.init)
                }
            })
        #expect(labelNames.isSubset(of: ["profile", "state", "outcome", "result_code", "le"]))
    }
}
