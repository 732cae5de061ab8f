import SeededRandomness
import TokenModel

/// How long the sandbox waits before answering: a fixed delay (`500ms`) or a range picked
/// uniformly per request (`200ms..2s`).
public struct SandboxLatency: Sendable, Equatable, CustomStringConvertible {
    public var minimum: Duration
    public var maximum: Duration

    /// A fixed delay.
    public init(_ fixed: Duration) {
        self.minimum = fixed
        self.maximum = fixed
    }

    /// A delay picked uniformly from `range` for each request.
    public init(_ range: ClosedRange<Duration>) {
        self.minimum = range.lowerBound
        self.maximum = range.upperBound
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "'\(text)' is not a latency; write a duration such as 500ms, or a range such as 200ms..2s"
        }
    }

    /// Parses `500ms` or `200ms..2s` (the lower bound must not exceed the upper).
    public static func parse(_ text: String) throws(ParseError) -> SandboxLatency {
        let bounds = text.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        do {
            if bounds.count == 1 { return SandboxLatency(try DurationText.parse(text)) }
            let low = try DurationText.parse(String(bounds[0]))
            let high = try DurationText.parse(String(bounds[1]))
            guard low <= high else { throw ParseError(text: text) }
            return SandboxLatency(low...high)
        } catch {
            throw ParseError(text: text)
        }
    }

    /// The delay for one request.
    func pick(using generator: inout SeededRandom) -> Duration {
        let draw = generator.nextUnit()  // always drawn, so the stream stays aligned whatever the range
        guard maximum > minimum else { return minimum }
        return minimum + (maximum - minimum) * draw
    }

    public var description: String {
        minimum == maximum ? Self.format(minimum) : "\(Self.format(minimum))..\(Self.format(maximum))"
    }

    /// Like `DurationText.format`, but keeps milliseconds that it would round away (`1500ms`).
    private static func format(_ duration: Duration) -> String {
        let milliseconds = Int64((duration.seconds * 1000).rounded())
        return milliseconds % 1000 == 0 ? DurationText.format(duration) : "\(milliseconds)ms"
    }
}
