import Foundation
import Testing
import TokenModel

@testable import Dashboard

/// When a profile held a token, column by column: the pure computations under the timeline.
@Suite struct TimelineCoverageTests {
    /// 2026-11-24T03:30:30Z: the last hour at 60 columns is one minute per column, 02:31-03:31.
    static let now = at(3, 30, 30)
    /// Midnight UTC of 2026-11-24.
    static let base = Date(timeIntervalSince1970: 1_795_478_400)

    /// hh:mm:ss on the test's day, UTC.
    static func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        base.addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    static func entry(_ finished: Date, _ outcome: AttemptOutcome = .success, expires: Date? = nil)
        -> ProfileHistory.Entry
    {
        ProfileHistory.Entry(finishedAt: finished, latency: .milliseconds(100), outcome: outcome, expiresAt: expires)
    }

    @Test func theFixedMomentIsWhatTheTestsSay() {
        #expect(TimeText.clock(Self.now, in: .gmt) == "03:30:30")
        #expect(TimeText.clock(Self.at(3, 12), in: .gmt) == "03:12:00")
    }

    @Test func aFourMinuteGapAtThreeTwelveIsNoneFromItsStartToTheNextToken() {
        let entries = [
            Self.entry(Self.at(2, 40), expires: Self.at(3, 12)),
            Self.entry(Self.at(3, 16), expires: Self.at(4, 16)),
        ]
        let spans = TokenCoverage.spans(entries, until: Self.at(3, 31))
        #expect(
            spans == [
                TokenSpan(start: Self.at(2, 40), end: Self.at(3, 12), held: true),
                TokenSpan(start: Self.at(3, 12), end: Self.at(3, 16), held: false),
                TokenSpan(start: Self.at(3, 16), end: Self.at(3, 31), held: true),
            ])
    }

    @Test func theGapAppearsAtItsColumns() {
        let scale = TimelineScale(span: .hour, columns: 60, now: Self.now)
        #expect(scale.columnSeconds == 60)
        #expect(scale.start == Self.at(2, 31) && scale.end == Self.at(3, 31))
        let history = ProfileHistory(entries: [
            Self.entry(Self.at(2, 40), expires: Self.at(3, 12)),
            Self.entry(Self.at(3, 13, 20), .transient),
            Self.entry(Self.at(3, 16), expires: Self.at(4, 16)),
        ])
        let marks = TimelineMark.row(history, scale: scale)
        // 02:31 is column 0, so 03:12 is column 41.
        #expect(marks[0..<9].allSatisfy { $0 == .unknown }, "before the first attempt")
        #expect(marks[9] == .attempt(.success), "02:40")
        #expect(marks[10...40].allSatisfy { $0 == .held })
        #expect(marks[41] == .gap, "03:12")
        #expect(marks[42] == .attempt(.transient), "03:13")
        #expect(marks[43] == .gap && marks[44] == .gap, "03:14, 03:15")
        #expect(marks[45] == .attempt(.success), "03:16")
        #expect(marks[46...].allSatisfy { $0 == .held })
    }

    @Test func aGapShorterThanAColumnStillShows() {
        let scale = TimelineScale(span: .day, columns: 60, now: Self.now)
        #expect(scale.columnSeconds == 1440)
        let history = ProfileHistory(entries: [
            Self.entry(Self.at(0, 0), expires: Self.at(3, 12)),
            Self.entry(Self.at(3, 16), expires: Self.at(4, 16)),
        ])
        let marks = TimelineMark.row(history, scale: scale)
        let gap = scale.column(of: Self.at(3, 12))
        #expect(gap != nil)
        #expect(gap.map { marks[$0] } == TimelineMark.gap, "the column holding 03:12-03:16, success tick or not")
        #expect(marks.filter { $0 == .gap }.count == 1)
    }

    @Test func aRejectionEndsTheTokenAndATransientFailureDoesNot() {
        let entries = [
            Self.entry(Self.at(2, 0), expires: Self.at(4, 0)),
            Self.entry(Self.at(2, 30), .transient),
            Self.entry(Self.at(3, 0), .rejected),
        ]
        let spans = TokenCoverage.spans(entries, until: Self.at(3, 31))
        #expect(
            spans == [
                TokenSpan(start: Self.at(2, 0), end: Self.at(3, 0), held: true),
                TokenSpan(start: Self.at(3, 0), end: Self.at(3, 31), held: false),
            ])
    }

    @Test func theStatusTokenCountsFromWhenItWasIssued() {
        let spans = TokenCoverage.spans(
            [Self.entry(Self.at(3, 0), .transient)], seed: (Self.at(2, 50), Self.at(3, 20)), until: Self.at(3, 31))
        #expect(
            spans == [
                TokenSpan(start: Self.at(2, 50), end: Self.at(3, 20), held: true),
                TokenSpan(start: Self.at(3, 20), end: Self.at(3, 31), held: false),
            ])
        #expect(TokenCoverage.spans([], until: Self.at(3, 31)).isEmpty, "nothing known, nothing drawn")
    }

    @Test func nowIsQuantisedToTheColumn() {
        let first = TimelineScale(span: .hour, columns: 60, now: Self.now)
        let sameColumn = TimelineScale(span: .hour, columns: 60, now: Self.now.addingTimeInterval(29))
        let nextColumn = TimelineScale(span: .hour, columns: 60, now: Self.now.addingTimeInterval(30))
        #expect(first == sameColumn)
        #expect(nextColumn.end == first.end.addingTimeInterval(60))
        // Widths that do not divide the span round the column up to whole seconds.
        let odd = TimelineScale(span: .hour, columns: 97, now: Self.now)
        #expect(odd.columnSeconds == 38)
        #expect(odd.end.timeIntervalSince1970.truncatingRemainder(dividingBy: 38) == 0)
        #expect(odd.column(of: Self.now) == 96)
    }

    @Test func aTokenExpiringLaterInTheCurrentColumnIsNotShownGoneYet() {
        let scale = TimelineScale(span: .hour, columns: 60, now: Self.now)
        let history = ProfileHistory(entries: [Self.entry(Self.at(3, 0), expires: Self.at(3, 30, 45))])
        #expect(TimelineMark.row(history, scale: scale, now: Self.now).last == .held, "03:30:30, valid until 03:30:45")
        #expect(TimelineMark.row(history, scale: scale, now: Self.at(3, 30, 50)).last == .gap, "it expired at 03:30:45")
    }

    @Test func axisLabelsFallOnWholeLocalSteps() {
        let scale = TimelineScale(span: .hour, columns: 60, now: Self.now)
        #expect(scale.labelStepMinutes() == 10)
        let labels = scale.labelColumns(in: .gmt)
        #expect(labels.map(\.column) == [9, 19, 29, 39, 49, 59])
        #expect(
            labels.map { TimeText.clock($0.time, in: .gmt) } == [
                "02:40:00", "02:50:00", "03:00:00", "03:10:00", "03:20:00", "03:30:00",
            ])
        // Local time: India is 5:30 ahead, so whole ten minutes fall on the same columns.
        let india = TimeZone(secondsFromGMT: 19800) ?? .gmt
        #expect(scale.labelColumns(in: india).map { TimeText.clock($0.time, in: india) }.first == "08:10:00")
        #expect(TimelineScale(span: .day, columns: 60, now: Self.now).labelStepMinutes() == 240)
    }

    @Test func successRatiosCountTheLastHourAndDay() {
        let history = ProfileHistory(entries: [
            Self.entry(Self.at(1, 0), .transient),
            Self.entry(Self.at(2, 40)),
            Self.entry(Self.at(3, 0), .transient),
            Self.entry(Self.at(3, 10)),
            Self.entry(Self.at(3, 20)),
        ])
        let hour = history.successes(since: Self.at(2, 30, 30), until: Self.now)
        #expect(hour.succeeded == 3 && hour.total == 4)
        #expect(Sparkline.ratioText(history, now: Self.now) == "ok 1h 75% (3/4) · 24h 60%")
        #expect(Sparkline.ratioText(ProfileHistory(), now: Self.now) == "ok 1h - · 24h -")
    }
}
