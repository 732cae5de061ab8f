import Foundation
import Soak

/// The soak's analysis and its printed report.
struct SoakReport {
    let run: SoakRunner.Run
    let counts: SandboxCounts
    let log: ResultLogReader
    let lines: LineAccounting
    let gaps: TokenGapAnalysis
    let spacing: RetrySpacingAnalysis
    let rss: RSSFlatness
    let verdict: SoakVerdict

    /// - Parameter profileCount: how many profiles the daemon was given (each must appear in the log).
    init(run: SoakRunner.Run, counts: SandboxCounts, log: ResultLogReader, profileCount: Int) {
        self.run = run
        self.counts = counts
        self.log = log
        let attempts = log.attempts
        lines = LineAccounting(sandboxRequests: counts.requests, logLines: attempts.mapValues(\.count))
        gaps = TokenGapAnalysis(
            attempts: attempts, samples: run.samples, issued: counts.issued, end: run.ended, stoppedAt: run.ended)
        spacing = RetrySpacingAnalysis(attempts: attempts, retryAfter: .seconds(SoakFiles.retryAfterSeconds))
        rss = RSSFlatness(startKiB: run.rssStartKiB, endKiB: run.rssEndKiB, maxKiB: run.rssMaxKiB)
        var verdict = SoakVerdict()
        verdict.add(
            // Nothing judged fails too: a metrics format the reader no longer understands must not
            // pass as "no gaps".
            "token gaps", gaps.passed && gaps.samplesJudged > 0,
            "\(gaps.gapSamples) gap samples (\(Self.f(gaps.gapSeconds)) s), \(gaps.unreceivedSuccesses) issued tokens "
                + "not logged as success, \(gaps.falseValidSamples) samples claiming a token past its margin; "
                + "\(gaps.samplesJudged) samples judged")
        verdict.add(
            "lost lines", lines.passed && log.unparsedLines == 0,
            "\(lines.lost) lost, \(lines.extra) extra, \(log.unparsedLines) unparsed"
                + (lines.mismatches.isEmpty ? "" : " (\(lines.mismatches.prefix(5).joined(separator: "; ")))"))
        verdict.add(
            "retry storm", spacing.passed && spacing.pairsJudged > 0,
            "\(spacing.violations) of \(spacing.pairsJudged) consecutive attempts sooner than the policy allows; "
                + "\(spacing.lateRetries) of \(spacing.tokenlessWaitsJudged) retries without a valid token later than "
                + "1 min (or Retry-After) + 10 s")
        verdict.add(
            "every profile tried", attempts.count == profileCount,
            "\(attempts.count) of \(profileCount) profiles in the result log")
        verdict.add(
            "no crash", run.diedAt == nil && run.ending == "exit 0",
            "alive at \(run.aliveChecks) checks\(run.diedAt.map { ", gone at \($0)" } ?? ""); SIGTERM: "
                + (run.ending ?? "did not exit within 30 s"))
        verdict.add(
            "RSS flat", rss.passed,
            "end \(Self.mib(rss.endKiB)) <= limit \(Self.mib(rss.limitKiB)) (\(RSSFlatness.rule))")
        self.verdict = verdict
    }

    func print() {
        let requests = counts.total("requests")
        let faults = ["failed", "hung", "malformed", "rateLimited", "rejected", "locked", "badRequest"].map(
            counts.total
        )
        .reduce(0, +)
        let successes = log.attempts.values.joined().filter { $0.outcome == .success }.count
        let rows: [(String, String)] = [
            ("duration", "\(Self.f(run.ended.timeIntervalSince(run.started))) s"),
            (
                "sandbox requests",
                "\(requests): issued \(counts.total("issued")), 5xx \(counts.total("failed")), "
                    + "hung \(counts.total("hung")), malformed \(counts.total("malformed")), "
                    + "429 \(counts.total("rateLimited")), other \(counts.total("rejected") + counts.total("locked") + counts.total("badRequest"))"
            ),
            ("faults injected", "\(faults) (\(Self.f(100 * Double(faults) / Double(max(requests, 1))))% of requests)"),
            (
                "result-log lines",
                "\(log.lineCount) (success \(successes)); lost \(lines.lost), extra \(lines.extra), "
                    + "unparsed \(log.unparsedLines)"
            ),
            (
                "token gaps",
                "\(gaps.gapSamples) samples, \(Self.f(gaps.gapSeconds)) s; issued but not logged as success "
                    + "\(gaps.unreceivedSuccesses) (and \(gaps.cutOffAtStop) issued to requests cancelled by SIGTERM); samples claiming an expired token valid \(gaps.falseValidSamples); "
                    + "\(gaps.samplesJudged) of \(run.samples.count) state samples judged (\(run.scrapesFailed) scrapes failed)"
            ),
            (
                "no-success windows",
                "\(gaps.noSuccessWindows) (\(Self.f(gaps.noSuccessSeconds)) s in all, longest "
                    + "\(Self.f(gaps.longestNoSuccessSeconds)) s): token past its server expiry because every try in its "
                    + "refresh window failed; not a gap by the issue's definition"
            ),
            (
                "retry spacing",
                "\(spacing.pairsJudged) consecutive automatic attempts, \(spacing.violations) too soon; "
                    + "smallest spacing / allowed \(spacing.minimumRatio.map { String(format: "%.3f", $0) } ?? "-"); "
                    + "most attempts by one profile in 60 s: \(spacing.maxAttemptsPerMinute); longest wait without a "
                    + "valid token \(spacing.longestTokenlessWait.map { Self.f($0) } ?? "-") s"
            ),
            (
                "daemon",
                "alive at all \(run.aliveChecks) checks: \(run.diedAt == nil ? "yes" : "no"); SIGTERM: \(run.ending ?? "no exit")"
            ),
            (
                "RSS (VmRSS)",
                "start \(Self.mib(rss.startKiB)) (after warm-up), end \(Self.mib(rss.endKiB)), "
                    + "max \(Self.mib(rss.maxKiB)); rule \(RSSFlatness.rule)"
            ),
        ]
        Swift.print("figures")
        for (name, value) in rows {
            Swift.print("  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + value)
        }
        Swift.print("checks")
        for line in verdict.lines { Swift.print("  " + line) }
        for example in (gaps.examples + spacing.examples).prefix(10) { Swift.print("  example: \(example)") }
        if let longest = gaps.longestNoSuccess { Swift.print("  longest no-success window: \(longest)") }
        Swift.print("median: not applicable (one run; counts and extremes above)")
        Swift.print("result: \(verdict.passed ? "PASS" : "FAIL")")
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
    static func mib(_ kib: Int) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }
}
