import Foundation
import Prometheus
import TokenModel

/// tokentop's Prometheus metrics, in a registry of their own.
///
/// Counters and the latency histogram are fed from the auth service's events (`observe`); the
/// gauges (expiry, state, last success) are set from a snapshot at scrape time (`scrape`), so
/// they are exact when read and cost nothing in between. A profile missing from the snapshot
/// (removed by a reload) loses every one of its series.
public actor TokenMetrics {
    /// Latency buckets: a healthy EnKash answers in tens of milliseconds, the client gives up at
    /// the profile's timeout (10 s by default).
    public static let latencyBuckets: [Duration] = [
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]
    /// Distinct resultCode label values kept per profile; more become `other` (the server
    /// decides resultCode, so it must not be able to grow the series without bound).
    public static let maxResultCodesPerProfile = 16

    private struct AttemptKey: Hashable {
        var outcome: AttemptOutcome
        var resultCode: String
    }

    /// Every series one profile owns, so they can all be dropped together.
    private struct ProfileSeries {
        var expiry: Gauge?
        var lastSuccess: Gauge?
        var states: [ProfileState: Gauge] = [:]
        var attempts: [AttemptKey: Counter] = [:]
        var latency: DurationHistogram?
    }

    public nonisolated let registry: PrometheusCollectorRegistry
    private var series: [String: ProfileSeries] = [:]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Profiles that currently own series (for tests and diagnostics).
    public var profiles: [String] { series.keys.sorted() }

    // MARK: Events

    /// Counts finished attempts; every other event is read from the snapshot at scrape time.
    public func observe(_ event: AuthEvent) {
        switch event {
        case .attemptFinished(let attempt): record(attempt)
        default: break
        }
    }

    /// Counts one finished attempt and records its latency.
    public func record(_ attempt: AttemptRecord) {
        var entry = series[attempt.profile] ?? ProfileSeries()
        var code = Self.resultCodeLabel(attempt.resultCode)
        let seen = Set(entry.attempts.keys.map(\.resultCode))
        if !seen.contains(code) && seen.count >= Self.maxResultCodesPerProfile { code = "other" }
        let key = AttemptKey(outcome: attempt.outcome, resultCode: code)
        let counter =
            entry.attempts[key]
            ?? makeCounter(
                MetricNames.refreshAttempts,
                [("profile", attempt.profile), ("outcome", attempt.outcome.rawValue), ("result_code", code)])
        entry.attempts[key] = counter
        counter.increment()

        let histogram =
            entry.latency
            ?? registry.makeDurationHistogram(
                descriptor: descriptor(MetricNames.refreshLatency), labels: [("profile", attempt.profile)],
                buckets: Self.latencyBuckets)
        entry.latency = histogram
        histogram.record(max(.zero, attempt.latency))
        series[attempt.profile] = entry
    }

    // MARK: Scrape

    /// Sets the gauges from `statuses` (the auth service's snapshot), drops the series of
    /// profiles no longer in it, and returns the Prometheus text exposition.
    public func scrape(_ statuses: [ProfileStatus], now: Date = Date()) -> String {
        update(statuses, now: now)
        return registry.emitToString()
    }

    /// The gauge half of `scrape`.
    public func update(_ statuses: [ProfileStatus], now: Date) {
        let current = Set(statuses.map(\.name))
        for name in series.keys where !current.contains(name) { remove(name) }
        for status in statuses {
            var entry = series[status.name] ?? ProfileSeries()
            let profile = ("profile", status.name)

            if let expiresAt = status.expiresAt, status.tokenFingerprint != nil {
                let gauge = entry.expiry ?? makeGauge(MetricNames.tokenExpirySeconds, [profile])
                entry.expiry = gauge
                gauge.set(to: expiresAt.timeIntervalSince(now))
            } else if let gauge = entry.expiry {
                registry.unregisterGauge(gauge)
                entry.expiry = nil
            }

            if let lastSuccess = status.lastSuccessAt {
                let gauge = entry.lastSuccess ?? makeGauge(MetricNames.lastSuccessTimestamp, [profile])
                entry.lastSuccess = gauge
                gauge.set(to: lastSuccess.timeIntervalSince1970)
            }

            for state in ProfileState.allCases {
                let gauge =
                    entry.states[state] ?? makeGauge(MetricNames.profileState, [profile, ("state", state.rawValue)])
                entry.states[state] = gauge
                gauge.set(to: state == status.state ? 1.0 : 0.0)
            }
            series[status.name] = entry
        }
    }

    /// Drops every series of one profile.
    public func remove(_ name: String) {
        guard let entry = series.removeValue(forKey: name) else { return }
        if let gauge = entry.expiry { registry.unregisterGauge(gauge) }
        if let gauge = entry.lastSuccess { registry.unregisterGauge(gauge) }
        for gauge in entry.states.values { registry.unregisterGauge(gauge) }
        for counter in entry.attempts.values { registry.unregisterCounter(counter) }
        if let histogram = entry.latency { registry.unregisterDurationHistogram(histogram) }
    }

    // MARK: Helpers

    /// `resultCode` as a label: as received, at most 32 printable ASCII characters; `none` when
    /// the answer had none (network errors, timeouts, broken bodies).
    static func resultCodeLabel(_ code: ResultCode?) -> String {
        guard let code else { return "none" }
        let text = String(
            code.description.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
                .map(Character.init).prefix(32))
        return text.isEmpty ? "invalid" : text
    }

    private func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: MetricNames.help[name] ?? "")
    }

    private func makeGauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: descriptor(name), labels: labels)
    }

    private func makeCounter(_ name: String, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: descriptor(name), labels: labels)
    }
}
