import Testing
import TokenModel
import TokentopFuzz

/// A short seeded fuzzing run of each target: no crash, no broken invariant. The bench's
/// `fuzz` scenario runs the same campaigns for a time budget; anything it finds becomes a case
/// in `regressions` below.
@Suite("Fuzzing (seeded, short)")
struct FuzzTests {
    @Test(arguments: FuzzTarget.allCases)
    func aSeededRunFindsNoViolation(target: FuzzTarget) {
        let report = FuzzCampaign(target: target, seed: 20_261_125).run(limit: 3000)
        #expect(report.executions == 3000)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3).map { "\($0.iteration): \($0.violation)" })")
        // The mutants reach more than one kind of answer: the run is not stuck on one path.
        #expect(report.outcomes.count > 5, "\(report.outcomes)")
    }

    @Test func theMutatorIsDeterministicForASeed() {
        var a = ByteMutator(seed: 7)
        var b = ByteMutator(seed: 7)
        let input = Array(#"{"token":"t","expiry":1}"#.utf8)
        for _ in 0..<100 { #expect(a.mutate(input, splicingWith: input) == b.mutate(input, splicingWith: input)) }
    }

    /// Found by this fuzzer: an expiry so far ahead that the remaining time overflowed Int64
    /// nanoseconds and trapped (a hostile server could stop tokentop with one answer).
    @Test(arguments: ["9223372036854775807", "9223372036854775", "1e300", "99999999999999999999"])
    func regressionHugeExpiryDoesNotTrap(expiry: String) {
        let body = Array(#"{"token":"t","expiry":\#(expiry),"resultCode":0}"#.utf8)
        #expect(throws: Never.self) { try FuzzTarget.response.run(body, variant: 0).get() }
    }

    /// Found in review: a unitless duration too large for Int64 nanoseconds trapped in the
    /// parser; formatting any Duration must not trap either.
    @Test func hugeDurationsAreErrorsAndFormatWithoutTrapping() throws {
        for text in ["1e10", "1e400", "9300000000", "99999999999999999999s"] {
            #expect(throws: DurationText.ParseError.self, "\(text)") { try DurationText.parse(text) }
        }
        #expect(try DurationText.parse("90") == .seconds(90))
        #expect(DurationText.format(.seconds(Int64.max)).hasSuffix("s"))
        #expect(DurationText.format(.seconds(90)) == "1m30s")
        #expect(DurationText.format(.milliseconds(1500)) == "1s")
    }

    @Test func durationFromHugeOrOddSecondsIsClamped() {
        #expect(Duration.seconds(double: .infinity) == .nanoseconds(Int64.max))
        #expect(Duration.seconds(double: -.infinity) == .nanoseconds(Int64.min))
        #expect(Duration.seconds(double: .nan) == .zero)
        #expect(Duration.seconds(double: 1e300) == .nanoseconds(Int64.max))
        #expect(Duration.seconds(double: 1.5) == .milliseconds(1500))
    }
}
