import Foundation
import TokenModel

// The JSON shapes of the core types on the socket. Dates are ISO 8601 with milliseconds,
// durations whole milliseconds (`…Ms`). None of these types can hold a token or a secret:
// tokens appear only as their fingerprint.

struct WireAttemptRecord: Codable, Equatable {
    var profile: String
    var trigger: AttemptTrigger
    var attempt: Int
    var startedAt: Date
    var latencyMs: Int64
    var httpStatus: Int?
    var resultCode: ResultCode?
    var resultMessage: String?
    var outcome: AttemptOutcome
    var error: String?
    var expiryRaw: Int64?
    var expiryMs: Int64?
    var expiresAt: Date?
    var tokenFingerprint: String?
    var skewMs: Int64?
    var retryAfterMs: Int64?
    var notes: [String]?

    init(_ r: AttemptRecord) {
        profile = r.profile
        trigger = r.trigger
        attempt = r.attempt
        startedAt = r.startedAt
        latencyMs = Milliseconds.of(r.latency)
        httpStatus = r.httpStatus
        resultCode = r.resultCode
        resultMessage = r.resultMessage
        outcome = r.outcome
        error = r.error
        expiryRaw = r.expiryRaw
        expiryMs = r.expiryMs
        expiresAt = r.expiresAt
        tokenFingerprint = r.tokenFingerprint
        skewMs = r.skew.map(Milliseconds.of)
        retryAfterMs = r.retryAfter.map(Milliseconds.of)
        notes = r.notes.isEmpty ? nil : r.notes
    }

    var record: AttemptRecord {
        var record = AttemptRecord(
            profile: profile, trigger: trigger, startedAt: startedAt, latency: .milliseconds(latencyMs),
            httpStatus: httpStatus, resultCode: resultCode, resultMessage: resultMessage, outcome: outcome,
            error: error,
            expiryRaw: expiryRaw, expiryMs: expiryMs, expiresAt: expiresAt, tokenFingerprint: tokenFingerprint,
            skew: skewMs.map { .milliseconds($0) }, retryAfter: retryAfterMs.map { .milliseconds($0) },
            notes: notes ?? [])
        record.attempt = attempt
        return record
    }
}

struct WireProfileStatus: Codable, Equatable {
    var name: String
    var merchant: String
    var environment: String
    var host: String
    var baseURL: String
    var maskedAccessKey: String
    /// The proxy's `host:port` only, never its credentials; absent when direct (and from peers
    /// that predate it).
    var proxy: String?
    var tags: [String]
    var enabled: Bool
    var paused: Bool
    var state: ProfileState
    var tokenFingerprint: String?
    var issuedAt: Date?
    var expiresAt: Date?
    var serverExpiryMs: Int64?
    var nextRefreshAt: Date?
    /// Absent from peers that predate it.
    var refreshLeadAt: Date?
    var attempts: Int
    var lastAttempt: WireAttemptRecord?
    var lastSuccessAt: Date?
    /// Present (true) only when EnKash refused the credentials at the last attempt, which a
    /// paused profile's `state` does not show; absent from peers that predate it.
    var rejected: Bool?

    init(_ s: ProfileStatus) {
        name = s.name
        merchant = s.merchant
        environment = s.environment
        host = s.host
        baseURL = s.baseURL
        maskedAccessKey = s.maskedAccessKey
        proxy = s.proxy
        tags = s.tags
        enabled = s.enabled
        paused = s.paused
        state = s.state
        tokenFingerprint = s.tokenFingerprint
        issuedAt = s.issuedAt
        expiresAt = s.expiresAt
        serverExpiryMs = s.serverExpiryMs
        nextRefreshAt = s.nextRefreshAt
        refreshLeadAt = s.refreshLeadAt
        attempts = s.attempts
        lastAttempt = s.lastAttempt.map(WireAttemptRecord.init)
        lastSuccessAt = s.lastSuccessAt
        rejected = s.rejected ? true : nil
    }

    var status: ProfileStatus {
        var status = ProfileStatus(
            name: name, merchant: merchant, environment: environment, host: host, baseURL: baseURL,
            maskedAccessKey: maskedAccessKey, tags: tags, enabled: enabled, paused: paused, state: state,
            tokenFingerprint: tokenFingerprint, issuedAt: issuedAt, expiresAt: expiresAt,
            serverExpiryMs: serverExpiryMs,
            nextRefreshAt: nextRefreshAt, attempts: attempts, lastAttempt: lastAttempt?.record,
            lastSuccessAt: lastSuccessAt,
            proxy: proxy, refreshLeadAt: refreshLeadAt)
        // A peer that predates the field: its `rejected` state is all there is to go by.
        status.rejected = rejected ?? (state == .rejected)
        return status
    }
}

struct WireReloadSummary: Codable, Equatable {
    var added: [String]
    var removed: [String]
    var changed: [String]
    /// Same credentials, other settings changed. Optional on the wire so protocol-1 peers that
    /// predate it still decode.
    var updated: [String]?
    var unchanged: [String]
    var errors: [String]

    init(_ s: ReloadSummary) {
        added = s.added
        removed = s.removed
        changed = s.changed
        updated = s.updated
        unchanged = s.unchanged
        errors = s.errors
    }

    var summary: ReloadSummary {
        ReloadSummary(
            added: added, removed: removed, changed: changed, updated: updated ?? [], unchanged: unchanged,
            errors: errors)
    }
}

enum Milliseconds {
    static func of(_ duration: Duration) -> Int64 { Int64((duration.seconds * 1000).rounded()) }
}
