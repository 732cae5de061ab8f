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
