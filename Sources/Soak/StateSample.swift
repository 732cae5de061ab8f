import Foundation

/// What the daemon said about one profile at one moment (a `/metrics` scrape, or the auth
/// service's snapshot on a test clock). The moment lies somewhere in `from...to` (the scrape's
/// request and answer); the analysis only judges a sample when the log's verdict is the same
/// over the whole span.
public struct StateSample: Sendable, Equatable {
    public var profile: String
    public var from: Date
    public var to: Date
    /// The daemon's state name (`valid`, `refreshing`, `stale`, `expired`, `failing`, ...).
    public var state: String

    public init(profile: String, from: Date, to: Date, state: String) {
        self.profile = profile
        self.from = from
        self.to = to
        self.state = state
    }

    public init(profile: String, at time: Date, state: String) {
        self.init(profile: profile, from: time, to: time, state: state)
    }

    /// The states in which tokentop holds a token valid beyond its 10 s margin.
    public static let holdingStates: Set<String> = ["valid", "refreshing", "stale"]
    public var holdsValidToken: Bool { Self.holdingStates.contains(state) }
}
