/// Countdowns as an operator reads them: `4:59`, `1:02:03`, `expired 0:12 ago`.
public enum Countdown {
    /// `seconds` until expiry; negative means already expired.
    public static func format(_ seconds: Double) -> String {
        if seconds < 0 { return "expired \(clock(Int((-seconds).rounded(.up)))) ago" }
        return clock(Int(seconds.rounded(.down)))
    }

    /// `m:ss` below an hour, `h:mm:ss` above.
    public static func clock(_ total: Int) -> String {
        let hours = total / 3600
        let minutes = total % 3600 / 60
        let seconds = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(seconds))" : "\(minutes):\(two(seconds))"
    }
}
