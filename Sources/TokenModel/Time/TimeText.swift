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

    /// Civil date and time in `zone`: exact and locale-free.
    private static func parts(_ date: Date, _ zone: TimeZone)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    {
        let raw = date.timeIntervalSince1970.rounded(.down) + Double(zone.secondsFromGMT(for: date))
        let seconds = raw.isFinite ? Int(max(-1e15, min(1e15, raw))) : 0
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        return (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }
}
