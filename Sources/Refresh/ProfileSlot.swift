import Foundation
import TokenModel

/// Everything the refresh scheduler tracks for one profile.
struct ProfileSlot: Sendable {
    enum Phase: Sendable, Equatable {
        case idle
        case queued(AttemptTrigger)
        case running(AttemptTrigger)
    }

    /// `labels` must be recomputed whenever this changes (`RefreshScheduler.update` does).
    var profile: Profile
    var labels: ProfileLabels
    var token: IssuedToken?
    /// Whether this process requests the profile's tokens or only receives them.
    var source = RefreshSource.local
    var paused = false
    var phase = Phase.idle
    var nextRefreshAt: Date?
    /// Bumped whenever the refresh schedule is replaced; older timers are ignored.
    var generation = 0
    var attempts = 0
    /// Attempts since the last success.
    var streak = 0
    var transientFailures = 0
    var rejections = 0
    var everHadToken = false
    var lastAttempt: AttemptRecord? {
        get { lastAttemptBox?.record }
        set { lastAttemptBox = newValue.map(AttemptRecordBox.init) }
    }
    /// Boxed: see `AttemptRecordBox`.
    private(set) var lastAttemptBox: AttemptRecordBox?
    var lastSuccessAt: Date?
    /// When the last attempt ended (the scheduler's time): manual refreshes soon after it get
    /// its record instead of a new request.
    var lastAttemptEndedAt: Date?
    var lastState: ProfileState?
    /// Ids of the manual refreshes waiting for the attempt queued or in flight (single flight).
    var waiters: [Int] = []

    init(profile: Profile, labels: ProfileLabels) {
        self.profile = profile
        self.labels = labels
    }

    var isBusy: Bool { phase != .idle }

    /// The state a screen shows, derived from the fields above at `now`.
    func state(at now: Date, margin: Duration) -> ProfileState {
        guard profile.enabled else { return .disabled }
        if paused { return .paused }
        let valid = token?.isValid(at: now, margin: margin) ?? false
        if isBusy { return valid ? .refreshing : .fetching }
        if rejections > 0 { return .rejected }
        if valid { return transientFailures > 0 ? .stale : .valid }
        if everHadToken { return .expired }
        return transientFailures > 0 ? .failing : .fetching
    }

    func status(at now: Date, policy: RefreshPolicy) -> ProfileStatus {
        let margin = policy.expiryMargin
        var status = ProfileStatus(
            name: profile.name, merchant: profile.merchant, environment: labels.environment,
            host: labels.host, baseURL: labels.baseURL, maskedAccessKey: labels.maskedAccessKey,
            tags: profile.tags, enabled: profile.enabled, paused: paused, state: state(at: now, margin: margin),
            tokenFingerprint: token?.fingerprint, issuedAt: token?.issuedAt, expiresAt: token?.expiresAt,
            serverExpiryMs: token?.serverExpiryMs, nextRefreshAt: nextRefreshAt, attempts: attempts,
            lastSuccessAt: lastSuccessAt, proxy: labels.proxy)
        status.lastAttemptBox = lastAttemptBox
        if let token {
            status.refreshLeadAt = token.expiresAt.adding(
                .zero - policy.lead(lifetime: token.lifetime, before: profile.refresh.before))
        }
        status.rejected = rejections > 0
        return status
    }
}
