import Foundation
import TokenModel

/// Replacing the profile set with a reloaded profiles file.
extension RefreshScheduler {
    /// A profile whose credentials (accessKey, secretKey, baseURL, headers) did not change keeps
    /// its token and schedule; its other settings are applied in place (rescheduled when
    /// `refresh.before` changed). Changed credentials drop the old token and fetch now. Removed
    /// profiles stop; a request of theirs in flight is still logged, its token dropped. Added
    /// profiles start from `seeds` when usable, else are fetched (spread like at start-up).
    /// Before `start`, only the set changes. After `stop`, nothing does.
    mutating func reload(
        _ profiles: [Profile], seeds newSeeds: [String: IssuedToken], sources: [String: RefreshSource], now: Date
    ) {
        guard !stopped else { return }
        var summary = ReloadSummary()
        var newOrder: [Int] = []
        var newIDs: [String: Int] = [:]
        var fetchNow: [Int] = []
        var added: [Int] = []
        var touched: [Int] = []

        for profile in profiles where newIDs[profile.name] == nil {
            let name = profile.name
            let source = sources[name] ?? .local
            if let id = idByName[name], let old = slots[id] {
                if old.profile.hasSameCredentials(as: profile) {
                    if old.profile == profile && old.source == source {
                        summary.unchanged.append(name)
                    } else {
                        summary.updated.append(name)
                        update(id, to: profile, source: source, now: now)
                        touched.append(id)
                    }
                    newOrder.append(id)
                    newIDs[name] = id
                    continue
                }
                retire(id)
                seeds[name] = nil
                let replacement = insertSlot(profile, source: source)
                summary.changed.append(name)
                if source == .local { fetchNow.append(replacement) } else { touched.append(replacement) }
                newOrder.append(replacement)
                newIDs[name] = replacement
            } else {
                let id = insertSlot(profile, source: source)
                summary.added.append(name)
                added.append(id)
                newOrder.append(id)
                newIDs[name] = id
                if let seed = newSeeds[name] { seeds[name] = seed }
            }
        }
        for id in order {
            guard let slot = slots[id], newIDs[slot.profile.name] != id else { continue }
            if newIDs[slot.profile.name] == nil {
                summary.removed.append(slot.profile.name)
                seeds[slot.profile.name] = nil
            }
            retire(id)
        }
        order = newOrder
        idByName = newIDs

        if started {
            for id in fetchNow where slots[id]?.profile.enabled == true {
                enqueue(id, trigger: .initial, front: false, now: now)
            }
            for id in added {
                guard let slot = slots[id], slot.profile.enabled else { continue }
                if let seed = seeds.removeValue(forKey: slot.profile.name), adopt(seed, slot: id, now: now) { continue }
                if slot.source == .local { scheduleInitial(id, now: now) }
            }
            armTimer()
        }
        for id in added + fetchNow + touched { publishStatus(id, force: true, now: now) }
        emit(.publish(.reloaded(summary)))
    }

    private mutating func insertSlot(_ profile: Profile, source: RefreshSource) -> Int {
        let id = nextSlotID
        nextSlotID += 1
        var slot = ProfileSlot(profile: profile, labels: ProfileLabels(profile, interner: &labelTexts))
        slot.source = source
        slots[id] = slot
        return id
    }

    /// Takes a slot out: its timers and queue entry are ignored from now on. A request in flight
    /// keeps the slot in `retired` until it completes (logged, its waiters answered).
    private mutating func retire(_ id: Int) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        if case .running = slot.phase {
            retired[id] = slot
        } else if !slot.waiters.isEmpty {
            emit(.answerWaiters(slot.waiters, nil))
        }
    }

    /// Applies new settings to a profile whose credentials did not change.
    private mutating func update(_ id: Int, to profile: Profile, source: RefreshSource, now: Date) {
        guard let old = slots[id] else { return }
        slots[id]?.profile = profile
        slots[id]?.labels = ProfileLabels(profile, interner: &labelTexts)
        slots[id]?.source = source
        guard started, let slot = slots[id] else { return }
        // A new or changed sink (or hook) gets the token it would otherwise see only at the next
        // refresh, possibly hours away.
        if profile.enabled, profile.sink != nil,
            profile.sink != old.profile.sink || profile.onRefresh != old.profile.onRefresh,
            let token = slot.token, token.isValid(at: now, margin: policy.expiryMargin)
        {
            emit(.deliver(token, profile: profile))
        }
        if old.profile.enabled && !profile.enabled || old.source == .local && source == .external {
            // No more automatic refresh here: pending timers and a queued request are dropped.
            slots[id]?.generation += 1
            slots[id]?.nextRefreshAt = nil
            if case .queued = slot.phase {
                slots[id]?.phase = .idle
                answerWaiters(id, with: nil)
            }
        } else if !old.profile.enabled && profile.enabled || old.source == .external && source == .local {
            if !slot.paused { scheduleAfterPause(id, now: now) }
        } else if profile.enabled, source == .local, profile.refresh.before != old.profile.refresh.before,
            !slot.paused, !slot.isBusy, slot.transientFailures == 0, slot.rejections == 0, let token = slot.token,
            token.isValid(at: now, margin: policy.expiryMargin)
        {
            let due = max(now, policy.refreshTime(for: token, before: profile.refresh.before, using: &rng))
            schedule(id, at: due, trigger: .scheduled)
        }
    }
}
