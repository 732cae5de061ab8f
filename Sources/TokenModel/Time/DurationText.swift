import Foundation

/// Reads and writes human durations such as `90s`, `5m`, `1h`, `1h30m`, `250ms`, `2d`.
public enum DurationText {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "'\(text)' is not a duration; write a number with a unit, e.g. 90s, 5m, 1h, 1h30m or 250ms"
        }
    }

    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86400e9),
    ]

    /// Parses `text`. A bare number is read as seconds. Negative durations are refused.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ParseError(text: text) }
        if let seconds = Double(trimmed) {
            // The same bound as with units: 1e10 (or 1e400) must be an error, not a trap.
            guard seconds.isFinite, seconds >= 0, seconds * 1e9 < 9e18 else { throw ParseError(text: text) }
            return .nanoseconds(Int64(seconds * 1e9))
        }
        var total = 0.0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number), value.isFinite else { throw ParseError(text: text) }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter }
            guard let unit = units.first(where: { $0.suffix == unitText.lowercased() }) else {
                throw ParseError(text: text)
            }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.nanoseconds
        }
        guard total.isFinite, total < 9e18 else { throw ParseError(text: text) }
        return .nanoseconds(Int64(total))
    }

    /// Formats as the largest fitting units, e.g. `2m30s`, `1h`, `450ms`.
    public static func format(_ duration: Duration) -> String {
        // From the components, not a Double: any Duration formats without trapping.
        let (whole, attoseconds) = duration.components
        let (milliseconds, overflow) = whole.multipliedReportingOverflow(by: 1000)
        let totalMs =
            overflow ? (whole < 0 ? Int64.min : Int64.max) : milliseconds + attoseconds / 1_000_000_000_000_000
        if totalMs < 1000 { return "\(max(0, totalMs))ms" }
        var seconds = totalMs / 1000
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60)] where seconds >= size {
            parts.append("\(seconds / size)\(unit)")
            seconds %= size
        }
        if seconds > 0 || parts.isEmpty { parts.append("\(seconds)s") }
        return parts.joined()
    }
}

extension Duration {
    /// The duration as floating-point seconds.
    public var seconds: Double {
        let (s, attos) = components
        return Double(s) + Double(attos) / 1e18
    }

    /// A duration from floating-point seconds (negative values allowed). Clamped to what fits
    /// in Int64 nanoseconds (about ±292 years); NaN is zero. Never traps: an `expiry` far in the
    /// future from a server must not stop the process (found by fuzzing the response decoder).
    public static func seconds(double value: Double) -> Duration {
        guard !value.isNaN else { return .zero }
        let nanoseconds = (value * 1e9).rounded()
        if nanoseconds >= 9.223_372_036_854_775e18 { return .nanoseconds(Int64.max) }
        if nanoseconds <= -9.223_372_036_854_775e18 { return .nanoseconds(Int64.min) }
        return .nanoseconds(Int64(nanoseconds))
    }
}
