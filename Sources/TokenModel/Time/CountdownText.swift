import Foundation

/// Countdowns as an operator reads them: `4:59`, `1:02:03`, `2d 3:04:05`, `expired 0:12 ago`.
public enum CountdownText {
    /// The time left until `expiresAt` at `now`; `-` when there is no expiry.
    public static func format(expiresAt: Date?, now: Date) -> String {
        guard let expiresAt else { return "-" }
        return format(seconds: expiresAt.timeIntervalSince(now))
    }

    /// `seconds` until expiry; negative means already expired. Counts whole seconds down, so an
    /// expiry 299.6 s away reads `4:59`.
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        if seconds < 0 { return "expired \(clock(wholeSeconds(-seconds, rounding: .up))) ago" }
        return clock(wholeSeconds(seconds, rounding: .down))
    }

    /// The profile table's countdown: seconds while they matter, below an hour (`59:59`), minutes
    /// above (`1h 02m`, `23h 59m`, `2d 03h`), so a screen of long-lived tokens stays still between
    /// minutes: over SSH every digit that changes is bytes on the wire, and a seconds digit ticking
    /// on every row of a 24-hour token said nothing an operator acts on. The detail pane, `check`
    /// and the logs keep the exact `format`.
    public static func coarse(expiresAt: Date?, now: Date) -> String {
        guard let expiresAt else { return "-" }
        let seconds = expiresAt.timeIntervalSince(now)
        guard seconds.isFinite else { return "-" }
        let whole = seconds < 0 ? wholeSeconds(-seconds, rounding: .up) : wholeSeconds(seconds, rounding: .down)
        guard whole >= 3600 else { return format(seconds: seconds) }
        let text: String
        if whole >= 1000 * 86_400 {
            text = ">999d"
        } else if whole >= 86_400 {
            text = "\(whole / 86_400)d \(two(whole % 86_400 / 3600))h"
        } else {
            text = "\(whole / 3600)h \(two(whole % 3600 / 60))m"
        }
        return seconds < 0 ? "expired \(text) ago" : text
    }

    /// `m:ss` below an hour, `h:mm:ss` below a day, `Nd h:mm:ss` above, `>999d` for what can
    /// only be a garbled expiry.
    public static func clock(_ total: Int) -> String {
        let total = max(0, total)
        if total >= 1000 * 86_400 { return ">999d" }
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        let seconds = total % 60
        if days > 0 { return "\(days)d \(hours):\(two(minutes)):\(two(seconds))" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(seconds))" : "\(minutes):\(two(seconds))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func wholeSeconds(_ value: Double, rounding: FloatingPointRoundingRule) -> Int {
        let rounded = value.rounded(rounding)
        return rounded >= Double(Int.max / 2) ? Int.max / 2 : Int(rounded)
    }
}
