import DequeModule
import Foundation
import Logging
import TokenModel

/// Running and stopping: the task group every task of the service lives in, and the actions of
/// the scheduler performed.
extension AuthService {
    /// Performs the service's work until a stop is requested, then stops in order and returns.
    ///
    /// Schedules the first fetch of every enabled profile when `start()` has not (spread over
    /// `policy.startSpread`; a profile with a usable seed starts with it and is refreshed on
    /// schedule instead). The timer, each request and each profile's sink deliveries run as
    /// children of one task group. The orderly stop (`requestStop()`, `shutdown()`, or this task's
    /// cancellation): the timer stops, requests in flight are cancelled (their attempts still
    /// logged), sink writes and hooks in progress finish (each bounded by its hook's timeout),
    /// waiting manual refreshes get nil and every event stream ends. A second call waits for the
    /// first to end.
    public func run() async {
        switch runPhase {
        case .running:
            await waitForRunEnd()
            return
        case .finished:
            return
        case .idle:
            runPhase = .running
        }
        if !stopping { feed(.start(now: time.now())) }
        await withTaskCancellationHandler {
            await runJobs()
        } onCancel: {
            requestStop()
        }
        finishStop()
    }

    /// Makes `run()` begin the orderly stop (requests in flight are cancelled at once). Callable
    /// from any thread; returns at once.
    public nonisolated func requestStop() {
        stopSignal.fire()
        jobSink.yield(.stop)
    }

    /// Starts refreshing: runs `run()` in a task of its own, the one unstructured task of the
    /// service (`shutdown()` awaits it). Does nothing when `run()` already runs or the service
    /// has stopped.
    public func start() {
        guard runPhase == .idle, runTask == nil, !stopping else { return }
        // Scheduled here rather than in `run()`: the schedule is in place once `start()` returns.
        feed(.start(now: time.now()))
        runTask = Task { await self.run() }
    }

    /// Stops in order (see `run()`) and returns once nothing of the service is running, whether
    /// `run()` was started by `start()` or called directly.
    public func shutdown() async {
        requestStop()
        if let runTask {
            await runTask.value
        } else {
            await run()
        }
    }

    private func waitForRunEnd() async {
        guard runPhase != .finished else { return }
        await withCheckedContinuation { runEndWaiters.append($0) }
    }

    private func runJobs() async {
        let client = self.client
        let time = self.time
        let stopSignal = self.stopSignal
        // Discarding: a daemon runs for months, and a plain group keeps every finished child
        // until it is awaited.
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                switch job {
                case .fetch(let slot, let profile, let trigger, let attempt):
                    group.addTask {
                        var result = await stopSignal.race { await client.fetch(profile, trigger: trigger) }
                        result.record.attempt = attempt
                        await self.fetchFinished(slot: slot, profile: profile, result: result)
                    }
                case .timer(let due, let number, let signal):
                    group.addTask {
                        // At most 60 s, so a jump of the wall clock is noticed within a minute. Ends
                        // early when re-armed or disarmed (`signal`) or at the stop.
                        let delay = min(max(due.timeIntervalSince(time.now()), 0), 60)
                        let slept = await stopSignal.race {
                            await signal.race { (try? await time.sleep(.seconds(double: delay))) != nil }
                        }
                        if slept { await self.timerFired(number) }
                    }
                case .deliveries(let name):
                    deliveriesRunning.insert(name)
                    group.addTask { await self.deliverQueued(for: name) }
                case .stop:
                    feed(.stop)
                case .check:
                    break
                }
                if stopping && fetchesInFlight == 0 { break }
            }
            // The stream also ends when this task is cancelled: stop scheduling all the same.
            if !scheduler.stopped { feed(.stop) }
            // A request that ends now may still hand its token to the sinks: wait for every one
            // (they were cancelled by `stopSignal` and end promptly), then start the deliveries
            // whose job the loop did not reach, so no logged token misses its sink.
            await waitForFetchesToEnd()
            for name in deliveryQueues.keys where !deliveriesRunning.contains(name) {
                deliveriesRunning.insert(name)
                group.addTask { await self.deliverQueued(for: name) }
            }
            // Leaving the group waits for its children: deliveries run to their end; the timer
            // and the requests were cancelled by `stopSignal`.
        }
    }

    private func waitForFetchesToEnd() async {
        while fetchesInFlight > 0 {
            await withCheckedContinuation { fetchesEndWaiters.append($0) }
        }
    }

    private func finishStop() {
        jobSink.finish()
        timer?.signal.fire()
        timer = nil
        let pending = waiters
        waiters.removeAll()
        for waiter in pending.values { waiter.resume(returning: .success(nil)) }
        for follower in followers.values { follower.mailbox?.finish() }
        followers.removeAll()
        runPhase = .finished
        let ended = runEndWaiters
        runEndWaiters.removeAll()
        for waiter in ended { waiter.resume() }
    }

    // MARK: Inputs

    func feed(_ input: RefreshScheduler.Input) {
        perform(scheduler.handle(input))
    }

    private func fetchFinished(slot: Int, profile: Profile, result: FetchResult) {
        fetchesInFlight -= 1
        feed(
            .attemptFinished(slot: slot, profile: profile, record: result.record, token: result.token, now: time.now()))
        jobSink.yield(.check)
        if fetchesInFlight == 0 {
            let waiting = fetchesEndWaiters
            fetchesEndWaiters.removeAll()
            for waiter in waiting { waiter.resume() }
        }
    }

    private func timerFired(_ number: Int) {
        guard timer?.number == number, !stopping else { return }
        timer = nil
        timerWakeups += 1
        feed(.timerFired(now: time.now()))
    }

    // MARK: Actions

    func perform(_ actions: [RefreshScheduler.Action]) {
        for action in actions {
            switch action {
            case .startRequest(let slot, let profile, let trigger, let attempt):
                fetchesInFlight += 1
                jobSink.yield(.fetch(slot: slot, profile: profile, trigger: trigger, attempt: attempt))
            case .armTimer(let due):
                timer?.signal.fire()
                timerNumber += 1
                let signal = CancelSignal()
                timer = (signal, timerNumber)
                jobSink.yield(.timer(due: due, number: timerNumber, signal: signal))
            case .disarmTimer:
                timer?.signal.fire()
                timer = nil
            case .writeLog(let record, let profile, let nextRefreshAt):
                writeLog(record, profile: profile, nextRefreshAt: nextRefreshAt)
            case .deliver(let token, let profile):
                enqueueDelivery(token, for: profile)
            case .publish(let event):
                broadcast(event)
            case .answerWaiters(let ids, let record):
                for id in ids { waiters.removeValue(forKey: id)?.resume(returning: .success(record)) }
            case .refuseRejected(let id, let profile):
                waiters.removeValue(forKey: id)?.resume(returning: .failure(.rejected(profile)))
            case .log(let line):
                let metadata = line.metadata.mapValues { Logger.MetadataValue.string($0) }
                switch line.level {
                case .info: logger.info("\(line.message)", metadata: metadata)
                case .warning: logger.warning("\(line.message)", metadata: metadata)
                }
            }
        }
    }

    private func writeLog(_ record: AttemptRecord, profile: Profile, nextRefreshAt: Date?) {
        if let resultLog, !resultLog.append(record, profile: profile, nextRefreshAt: nextRefreshAt) {
            logger.error("could not write to the result log", metadata: ["profile": "\(profile.name)"])
        }
        logger.debug(
            "attempt finished",
            metadata: [
                "profile": "\(record.profile)", "outcome": "\(record.outcome.rawValue)",
                "latencyMs": "\(Int(record.latency.seconds * 1000))",
            ])
    }

    /// Queues `token` behind the deliveries before it for the same profile name; starts that
    /// name's delivery child when none runs.
    private func enqueueDelivery(_ token: IssuedToken, for profile: Profile) {
        guard delivery != nil else { return }
        let name = profile.name
        if deliveryQueues[name] != nil {
            deliveryQueues[name]?.append((token, profile))
        } else {
            deliveryQueues[name] = [(token, profile)]
            jobSink.yield(.deliveries(name: name))
        }
    }

    /// Delivers the tokens queued for `name` in order until none is left.
    private func deliverQueued(for name: String) async {
        guard let delivery else { return }
        while let next = deliveryQueues[name]?.popFirst() {
            let report = await delivery.deliver(next.token, for: next.profile)
            if let report { broadcast(.sinkWritten(report)) }
        }
        deliveryQueues[name] = nil
        deliveriesRunning.remove(name)
    }

    private func broadcast(_ event: AuthEvent) {
        var gone: [Int] = []
        for (id, follower) in followers {
            guard let mailbox = follower.mailbox, mailbox.post(event) else {
                gone.append(id)
                continue
            }
        }
        for id in gone { followers[id] = nil }
    }
}
