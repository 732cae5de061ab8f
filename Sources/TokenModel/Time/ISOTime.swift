import Foundation

/// ISO 8601 timestamps in UTC with milliseconds: `2026-11-24T20:22:00.123Z`.
public enum ISOTime {
    public static func format(_ date: Date) -> String {
        let ms = date.epochMilliseconds
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = Int(ms - days * 86_400_000)
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
        if (0...9999).contains(year) {
            // Written digit by digit into one 24-byte string (seven padded strings and their
            // interpolation before; every result-log line has one or two of these).
            return String(unsafeUninitializedCapacity: 24) { out in
                var at = 0
                func put(_ value: Int, _ width: Int) {
                    var divisor = 1
                    for _ in 1..<width { divisor *= 10 }
                    while divisor > 0 {
                        out[at] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                        at += 1
                        divisor /= 10
                    }
                }
                func mark(_ character: Unicode.Scalar) {
                    out[at] = UInt8(ascii: character)
                    at += 1
                }
                put(year, 4)
                mark("-")
                put(month, 2)
                mark("-")
                put(day, 2)
                mark("T")
                put(msOfDay / 3_600_000, 2)
                mark(":")
                put(msOfDay / 60_000 % 60, 2)
                mark(":")
                put(msOfDay / 1000 % 60, 2)
                mark(".")
                put(msOfDay % 1000, 3)
                mark("Z")
                return at
            }
        }
        func pad(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(msOfDay / 3_600_000, 2)):"
            + "\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }
}
