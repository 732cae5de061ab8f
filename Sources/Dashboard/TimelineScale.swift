import Foundation

/// How the timeline maps time to columns: each column covers `columnSeconds` whole seconds, the
/// columns are aligned to multiples of that interval since the epoch, and the last column is the
/// one holding `now`. So everything drawn depends on `now` only through the column it falls in:
/// the timeline changes once per column interval, not every second.
public struct TimelineScale: Sendable, Equatable {
    public let columns: Int
    public let columnSeconds: Int
    /// The end of the last column (exclusive): the first column boundary after `now`.
    public let end: Date

    public init(span: TimelineSpan, columns: Int, now: Date) {
        self.columns = max(1, columns)
        columnSeconds = max(1, Int((Double(span.seconds) / Double(self.columns)).rounded(.up)))
        let seconds = now.timeIntervalSince1970
        let index = seconds.isFinite ? (seconds / Double(columnSeconds)).rounded(.down) : 0
        end = Date(timeIntervalSince1970: (index + 1) * Double(columnSeconds))
    }

    /// Where the first column starts.
    public var start: Date { end.addingTimeInterval(-Double(columns * columnSeconds)) }

    /// When column `index` starts.
    public func start(ofColumn index: Int) -> Date {
        start.addingTimeInterval(Double(index * columnSeconds))
    }

    /// The column `date` falls in, or nil outside the timeline.
    public func column(of date: Date) -> Int? {
        let offset = date.timeIntervalSince(start)
        guard offset >= 0, date < end else { return nil }
        return min(columns - 1, Int(offset / Double(columnSeconds)))
    }

    /// Label steps to choose from, in minutes: the first that leaves room for `HH:MM` and a gap.
    static let labelSteps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440]

    /// The minutes between axis labels: at least `minimumGap` columns apart.
    public func labelStepMinutes(minimumGap: Int = 8) -> Int {
        Self.labelSteps.first { $0 * 60 >= minimumGap * columnSeconds } ?? 1440
    }

    /// The columns where a whole step of local time (in `zone`) begins, with that time: where the
    /// axis puts its `HH:MM` labels.
    public func labelColumns(in zone: TimeZone, minimumGap: Int = 8) -> [(column: Int, time: Date)] {
        let step = labelStepMinutes(minimumGap: minimumGap) * 60
        var labels: [(column: Int, time: Date)] = []
        let first = start.timeIntervalSince1970
        let offset = Double(zone.secondsFromGMT(for: start))
        // The first local boundary at or after the start, then every step (a change of the zone's
        // offset inside the span moves the later labels by that change, which is rare and harmless).
        var local = ((first + offset) / Double(step)).rounded(.up) * Double(step)
        while local - offset < end.timeIntervalSince1970 {
            let time = Date(timeIntervalSince1970: local - offset)
            if let column = column(of: time) { labels.append((column, time)) }
            local += Double(step)
        }
        return labels
    }
}
