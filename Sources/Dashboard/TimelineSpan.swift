/// How much time the timeline shows across its width: the last hour, six hours or day. `+`
/// zooms in (a shorter span), `-` zooms out.
public enum TimelineSpan: Int, Sendable, Equatable, CaseIterable {
    case hour = 3600
    case sixHours = 21600
    case day = 86400

    public var seconds: Int { rawValue }

    /// As the timeline's title says it: `1h`, `6h`, `24h`.
    public var label: String { "\(rawValue / 3600)h" }

    /// The next shorter span; the shortest stays.
    public var zoomedIn: TimelineSpan {
        switch self {
        case .hour, .sixHours: .hour
        case .day: .sixHours
        }
    }

    /// The next longer span; the longest stays.
    public var zoomedOut: TimelineSpan {
        switch self {
        case .hour: .sixHours
        case .sixHours, .day: .day
        }
    }
}
