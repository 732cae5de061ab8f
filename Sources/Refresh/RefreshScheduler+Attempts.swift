import Foundation
import TokenModel

/// Finished attempts, manual refreshes, pause and resume, tokens from elsewhere.
extension RefreshScheduler {
    mutating func complete(_ id: Int, profile requested: Profile, record: AttemptRecord, token: IssuedToken?, now: Date)
    {
        running = max(0, running - 1)
        guard var slot = slots[id] else {
            completeRetired(id, profile: requested, record: record, now: now)
            return
        }
        slot.phase = .idle
        slot.lastAttempt = record
        slot.lastAttemptEndedAt = now
        slots[id] = slot
        // A profile a reload handed to another refresher while this request ran schedules nothing more.
        let active = !slot.paused && slot.profile.enabled && slot.source == .local

        switch record.outcome {
        case .success:
            if let token {
                slots[id]?.token = token
                slots[id]?.everHadToken = true
                slots[id]?.lastSuccessAt = now
                slots[id]?.transientFailures = 0
                slots[id]?.rejections = 0
                slots[id]?.streak = 0
                timers.insert(
                    RefreshTimer(
                        due: token.expiresAt.adding(.zero - policy.expiryMargin), slot: id, generation: 0, kind: .expiry
                    ))
                if active {
                    schedule(
                        id, at: policy.refreshTime(for: token, before: slot.profile.refresh.before, using: &rng),
                        trigger: .scheduled)
                }
            }
        case .transient:
            let failures = slot.transientFailures + 1
            slots[id]?.transientFailures = failures
            if active {
                let due = policy.retryTime(
                    now: now, failures: failures, validToken: slot.token, retryAfter: record.retryAfter, using: &rng)
                schedule(id, at: due, trigger: .retry)
            }
        case .rejected:
            let rejections = slot.rejections + 1
            slots[id]?.transientFailures = 0
            slots[id]?.rejections = rejections
            // Some EnKash accounts lock after three failed attempts: one automatic retry at most.
            if rejections == 1 && active {
                schedule(id, at: policy.rejectionRetryTime(now: now, using: &rng), trigger: .retry)
            }
        // No log line of its own: followers hear of the attempt, and the daemon's one line for
        // it says the credentials were refused, with the status and EnKash's answer.
        }
        if stopped { slots[id]?.nextRefreshAt = nil }

        let profile = slots[id]?.profile ?? slot.profile
        emit(.writeLog(record, profile: profile, nextRefreshAt: slots[id]?.nextRefreshAt))
        if record.outcome == .success, let token { emit(.deliver(token, profile: profile)) }
        emit(.publish(.attemptFinished(record)))
        publishStatus(id, force: true, now: now)
        answerWaiters(id, with: record)
        pump(now: now)
    }

    /// The request of a profile that a reload removed (or replaced) finished: log it, answer its
    /// waiters, keep nothing.
    private mutating func completeRetired(_ id: Int, profile: Profile, record: AttemptRecord, now: Date) {
        let waiters = retired.removeValue(forKey: id)?.waiters ?? []
        emit(.writeLog(record, profile: profile, nextRefreshAt: nil))
        emit(
            .log(
                LogLine(
                    .info, "dropping the result of a profile removed or changed by a reload",
                    metadata: ["profile": record.profile, "outcome": record.outcome.rawValue])))
        emit(.publish(.attemptFinished(record)))
        if !waiters.isEmpty { emit(.answerWaiters(waiters, record)) }
        pump(now: now)
    }

    /// Queues a request at the front (or joins the one queued or in flight); the waiter is
    /// answered with its record. Nil at once for a profile that cannot be refreshed here. Within
    /// `policy.manualRefreshInterval` after the profile's last attempt ended, the waiter gets that
    /// attempt's record and no request is sent. A `rejected` profile is refreshed only when
    /// `force`: each try is one more failed login towards the merchant account's lockout.
    mutating func manualRefresh(_ name: String, waiter: Int, force: Bool, now: Date) {
        guard !stopped, let id = idByName[name], let slot = slots[id], slot.profile.enabled, slot.source == .local
        else {
            emit(.answerWaiters([waiter], nil))
            return
        }
        if slot.isBusy {
            slots[id]?.waiters.append(waiter)
            return
        }
        // The rejection itself, not the state shown: a paused (or disabled-then-enabled) profile
        // whose credentials were refused is just as close to the lockout.
        if !force && slot.rejections > 0 {
            emit(.refuseRejected(waiter: waiter, profile: name))
            return
        }
        if let last = slot.lastAttempt, let ended = slot.lastAttemptEndedAt,
            Self.isRecent(ended, now: now, within: policy.manualRefreshInterval)
        {
            emit(.answerWaiters([waiter], last))
            return
        }
        slots[id]?.waiters.append(waiter)
        enqueue(id, trigger: .manual, front: true, now: now)
    }

    /// Whether `ended` lies within `interval` before `now`. A time ahead of `now` (the wall
    /// clock was set back) does not count, so a clock change never blocks manual refreshes.
    static func isRecent(_ ended: Date, now: Date, within interval: Duration) -> Bool {
        let elapsed = now.timeIntervalSince(ended)
        return elapsed >= 0 && elapsed < interval.seconds
    }

    /// Stops automatic refresh for a profile; its token is kept and still expires.
    mutating func pause(_ name: String, now: Date) {
        guard !stopped, let id = idByName[name], slots[id]?.paused == false else { return }
        slots[id]?.paused = true
        slots[id]?.generation += 1
        slots[id]?.nextRefreshAt = nil
        publishStatus(id, force: true, now: now)
    }

    /// Resumes automatic refresh: schedules the next one as if the token had just arrived, or
    /// fetches now when there is no valid token.
    mutating func resume(_ name: String, now: Date) {
        guard !stopped, let id = idByName[name], slots[id]?.paused == true else { return }
        slots[id]?.paused = false
        scheduleAfterPause(id, now: now)
        publishStatus(id, force: true, now: now)
    }

    /// After a resume (or a re-enable): refresh on schedule with a valid token, else fetch now,
    /// or, within `policy.manualRefreshInterval` after the last attempt ended, once that interval
    /// is over: pausing and resuming in a loop buys no more requests than manual refreshes do.
    mutating func scheduleAfterPause(_ id: Int, now: Date) {
        guard let slot = slots[id], slot.source == .local else { return }
        if let token = slot.token, token.isValid(at: now, margin: policy.expiryMargin), slot.rejections == 0 {
            let due = max(now, policy.refreshTime(for: token, before: slot.profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        } else if slot.rejections == 0 && !slot.isBusy {
            if let ended = slot.lastAttemptEndedAt, Self.isRecent(ended, now: now, within: policy.manualRefreshInterval)
            {
                schedule(id, at: ended.adding(policy.manualRefreshInterval), trigger: .scheduled)
            } else {
                enqueue(id, trigger: .scheduled, front: false, now: now)
            }
        }
    }

    /// Installs a token obtained elsewhere when it outlives the one held: followers hear of it and
    /// the sink gets it. A local profile then refreshes it on schedule (unless a request is
    /// already queued or in flight); an external one only wakes when it crosses its margin.
    mutating func tokenArrived(_ token: IssuedToken, for name: String, now: Date) {
        guard !stopped, let id = idByName[name], let slot = slots[id] else { return }
        if let held = slot.token, held.expiresAt >= token.expiresAt { return }
        installToken(token, slot: id)
        slots[id]?.transientFailures = 0
        slots[id]?.rejections = 0
        slots[id]?.streak = 0
        if slot.source == .local, slot.profile.enabled, !slot.paused, !slot.isBusy {
            let due = max(now, policy.refreshTime(for: token, before: slot.profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        }
        armTimer()
        if slot.profile.enabled { emit(.deliver(token, profile: slot.profile)) }
        publishStatus(id, force: true, now: now)
    }
}
