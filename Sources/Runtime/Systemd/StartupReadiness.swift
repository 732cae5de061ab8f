import TokenModel

/// When a daemon's first round is done, for `READY=1`: every enabled profile that started
/// without a token has finished its first attempt (whatever the outcome: a refused or
/// unreachable profile does not hold the service back), and one that got a token and has a sink
/// has had it written (and its `onRefresh` hook run). A profile that adopted its sink's token
/// waits for nothing. Fed the auth service's events in order; reads no clock.
struct StartupReadiness: Sendable, Equatable {
    /// Enabled profiles whose first attempt has not finished.
    private(set) var awaitingAttempt: Set<String>
    /// Profiles whose first token has not yet been reported written to their sink.
    private(set) var awaitingSink: Set<String> = []
    private let sinkProfiles: Set<String>
    /// The state of every enabled profile, for the status line.
    private(set) var states: [String: ProfileState] = [:]

    /// - Parameters:
    ///   - statuses: the auth service's snapshot taken before it runs.
    ///   - sinkProfiles: the names of the profiles that have a sink.
    init(statuses: [ProfileStatus], sinkProfiles: Set<String>) {
        let enabled = statuses.filter(\.enabled)
        awaitingAttempt = Set(enabled.filter { !$0.paused && $0.tokenFingerprint == nil }.map(\.name))
        self.sinkProfiles = sinkProfiles
        for status in enabled { states[status.name] = status.state }
    }

    var isComplete: Bool { awaitingAttempt.isEmpty && awaitingSink.isEmpty }

    mutating func observe(_ event: AuthEvent) {
        switch event {
        case .attemptFinished(let record):
            guard awaitingAttempt.remove(record.profile) != nil else { return }
            if record.outcome == .success && sinkProfiles.contains(record.profile) {
                awaitingSink.insert(record.profile)
            }
        case .sinkWritten(let report):
            awaitingSink.remove(report.profile)
        case .stateChanged(let status):
            states[status.name] = status.enabled ? status.state : nil
            if !status.enabled || status.paused {
                awaitingAttempt.remove(status.name)
                awaitingSink.remove(status.name)
            }
        case .reloaded(let summary):
            for name in summary.removed {
                states[name] = nil
                awaitingAttempt.remove(name)
                awaitingSink.remove(name)
            }
        case .attemptStarted:
            break
        }
    }

    /// One line for `STATUS=`: how many enabled profiles, and how many in each state
    /// (`3 profiles: 2 valid, 1 failing`). Names no profile and holds nothing secret.
    var summary: String {
        let count = states.count
        var text = "\(count) profile\(count == 1 ? "" : "s")"
        let parts = ProfileState.allCases.compactMap { state -> String? in
            let number = states.values.count { $0 == state }
            return number == 0 ? nil : "\(number) \(state.rawValue)"
        }
        if !parts.isEmpty { text += ": " + parts.joined(separator: ", ") }
        return text
    }
}
