import Foundation
import SeededRandomness
import TokenModel

/// The sandbox's mutable state: per-key random streams, failure counts, locks and stats.
///
/// Each key has its own random stream (seeded from the server seed and the access key), so the
/// answers one key gets do not depend on how its requests interleave with other keys' requests.
actor SandboxState {
    private struct Entry {
        let credential: SandboxCredential
        var random: SeededRandom
        var consecutiveFailures = 0
        var locked: Bool
    }

    /// Unknown access keys get their own stats rows up to this many; the rest share one row.
    static let unknownKeyRowLimit = 200
    static let otherUnknownKeysRow = "(other unknown keys)"
    /// Quoted in the 403 message of a key that starts locked without a `lockAfter`.
    static let defaultLockThreshold = 3

    private var entries: [String: Entry]
    private var stats = SandboxStats()
    private var unknownKeyRows = 0
    private let defaultLifetime: Duration

    init(credentials: [SandboxCredential], defaultLifetime: Duration, seed: UInt64) {
        var entries: [String: Entry] = [:]
        for credential in credentials {
            entries[credential.accessKey] = Entry(
                credential: credential,
                random: SeededRandom(seed: SeededRandom.derivedSeed(seed, label: credential.accessKey)),
                locked: credential.locked
            )
            stats.accessKeys[credential.accessKey] = SandboxKeyStats()
        }
        self.entries = entries
        self.defaultLifetime = defaultLifetime
    }

    func snapshot() -> SandboxStats { stats }

    /// Starts the counts afresh (`DELETE /_sandbox/stats`): every counter to zero, known keys
    /// kept as rows, the request window emptied. Requests held right now stay counted as held.
    func resetStats() {
        var fresh = SandboxStats(held: stats.held)
        for key in entries.keys { fresh.accessKeys[key] = SandboxKeyStats() }
        stats = fresh
        unknownKeyRows = 0
    }

    /// Counts a request entering (+1) or leaving (-1) a hold (latency or hang).
    func adjustHeld(by delta: Int) {
        stats.held += delta
    }

    /// Counts a 400 and returns it.
    func refuse(_ invalid: TokenRequestBody.Invalid) -> SandboxOutcome {
        let outcome = SandboxOutcome(
            action: .badRequest(message: invalid.message),
            skew: invalid.accessKey.flatMap { entries[$0]?.credential.skew } ?? .zero,
            maskedAccessKey: invalid.accessKey.map(Profile.mask)
        )
        record(outcome.kind, accessKey: invalid.accessKey)
        return outcome
    }

    /// Decides the answer to a well-formed request and counts it.
    func decide(_ body: TokenRequestBody) -> SandboxOutcome {
        let outcome = plan(body)
        record(outcome.kind, accessKey: body.accessKey)
        return outcome
    }

    private func plan(_ body: TokenRequestBody) -> SandboxOutcome {
        let masked = Profile.mask(body.accessKey)
        guard var entry = entries[body.accessKey] else {
            return SandboxOutcome(action: .reject, maskedAccessKey: masked)
        }
        defer { entries[body.accessKey] = entry }
        let credential = entry.credential

        // Draw the same amount from the stream for every request, whatever the path taken.
        let latency = credential.latency?.pick(using: &entry.random) ?? .zero
        let hangDraw = entry.random.nextUnit()
        let rateLimitDraw = entry.random.nextUnit()
        let failDraw = entry.random.nextUnit()
        let malformedDraw = entry.random.nextUnit()
        let variant = entry.random.next()
        let token = RandomToken.make(using: &entry.random)

        var outcome = SandboxOutcome(action: .hang, latency: latency, skew: credential.skew, maskedAccessKey: masked)
        if hangDraw < credential.hangRate {
            outcome.action = .hang
        } else if rateLimitDraw < credential.rateLimitRate {
            outcome.action = .rateLimit(retryAfterSeconds: Int(credential.retryAfter.seconds.rounded(.up)))
        } else if failDraw < credential.failRate {
            outcome.action = .fail(status: [500, 502, 503][Int(variant % 3)], htmlBody: (variant >> 8) & 1 == 1)
        } else if entry.locked {
            outcome.action = .locked(attempts: credential.lockAfter ?? Self.defaultLockThreshold)
        } else if body.secretKey != credential.secretKey.reveal() {
            entry.consecutiveFailures += 1
            if let limit = credential.lockAfter, entry.consecutiveFailures >= limit { entry.locked = true }
            outcome.action = .reject
        } else {
            entry.consecutiveFailures = 0
            outcome.action =
                malformedDraw < credential.malformedRate
                ? .malformed(token: token, variant: variant)
                : .issue(
                    token: token, lifetime: credential.lifetime ?? defaultLifetime,
                    expiryInSeconds: credential.expiryInSeconds)
        }
        return outcome
    }

    private func record(_ kind: SandboxOutcome.Kind, accessKey: String?) {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        if stats.firstRequestAtMs == nil { stats.firstRequestAtMs = now }
        stats.lastRequestAtMs = now
        stats.requests += 1
        stats.totals.record(kind)
        guard let accessKey else { return }
        var row = accessKey
        if stats.accessKeys[row] == nil {
            if unknownKeyRows >= Self.unknownKeyRowLimit {
                row = Self.otherUnknownKeysRow
            } else {
                unknownKeyRows += 1
            }
        }
        stats.accessKeys[row, default: SandboxKeyStats()].record(kind)
    }
}
