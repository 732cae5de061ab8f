import TokenModel

/// What makes two records the same attempt, whichever way each arrived: an event, a result-log
/// line (times kept to the millisecond), or the socket (start and latency rounded separately,
/// so the finish time can differ by a millisecond or two).
struct AttemptKey: Hashable {
    var profile: String
    var trigger: AttemptTrigger
    var outcome: AttemptOutcome
    var attempt: Int
    var finishedMs: Int64

    init(_ record: AttemptRecord) {
        profile = record.profile
        trigger = record.trigger
        outcome = record.outcome
        attempt = record.attempt
        finishedMs = record.finishedAt.epochMilliseconds
    }

    /// This key and those a few milliseconds either side.
    var nearby: [AttemptKey] {
        (-2...2).map { delta in
            var key = self
            key.finishedMs += Int64(delta)
            return key
        }
    }
}
