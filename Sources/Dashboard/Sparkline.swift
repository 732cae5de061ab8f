import Foundation
import TokenModel

/// The detail pane's picture of a profile's recent attempts: one bar per attempt, its height the
/// latency on a log scale between the fastest and slowest shown (a timeout beside a 90 ms answer
/// still leaves the small ones readable), failures in the error style; then the success ratio over
/// the last hour and day, e.g. `ok 1h 98% (49/50) · 24h 97%`.
enum Sparkline {
    /// The bars for the newest `width` attempts, oldest first.
    static func cells(_ history: ProfileHistory, width: Int, glyphs: Glyphs) -> [Cell] {
        guard width > 0 else { return [] }
        let shown = history.entries.suffix(width)
        let seconds = shown.map {
            max(0.001, Double($0.latency.components.seconds) + Double($0.latency.components.attoseconds) / 1e18)
        }
        guard let low = seconds.min(), let high = seconds.max() else { return [] }
        let range = log(high) - log(low)
        return zip(shown, seconds).map { entry, value in
            let level = range > 0 ? Int(((log(value) - log(low)) / range * 7).rounded()) : 3
            return Cell(glyphs.spark(level), entry.outcome == .success ? .normal : .error)
        }
    }

    /// `ok 1h 98% (49/50) · 24h 97%`; `-` for a window without attempts.
    static func ratioText(_ history: ProfileHistory, now: Date) -> String {
        let hour = history.successes(since: now.addingTimeInterval(-3600), until: now)
        let day = history.successes(since: now.addingTimeInterval(-86400), until: now)
        var text = "ok 1h \(percent(hour))"
        if hour.total > 0 { text += " (\(hour.succeeded)/\(hour.total))" }
        return text + " · 24h \(percent(day))"
    }

    /// Whole percent, rounded down so that one failure among many never reads as 100%.
    static func percent(_ counts: (succeeded: Int, total: Int)) -> String {
        guard counts.total > 0 else { return "-" }
        return "\(counts.succeeded * 100 / counts.total)%"
    }
}
