import Foundation

/// Wall-clock times in a given zone, formatted without locale: `20:22:05`, `2026-11-24 20:22:05`.
public enum TimeText {
    /// `HH:mm:ss` in `zone`.
    public static func clock(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    /// `yyyy-MM-dd HH:mm:ss` in `zone`.
    public static func dateTime(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    /// The zone's offset at `date`: `UTC`, `UTC+05:30`, `UTC-08:00`.
    public static func zoneLabel(_ zone: TimeZone, at date: Date) -> String {
        let offset = zone.secondsFromGMT(for: date)
        guard offset != 0 else { return "UTC" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "UTC\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Civil date and time from days since the epoch (Howard Hinnant's algorithm): exact and
    /// locale-free.
    private static func parts(_ date: Date, _ zone: TimeZone)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    {
        let raw = date.timeIntervalSince1970.rounded(.down) + Double(zone.secondsFromGMT(for: date))
        let seconds = raw.isFinite ? Int(max(-1e15, min(1e15, raw))) : 0
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }
}
