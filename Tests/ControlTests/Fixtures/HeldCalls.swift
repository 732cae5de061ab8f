/// Calls that all wait until `open()`, counted: how many started, and the most running at once.
/// The gated fakes hold their calls here to keep requests in flight.
actor HeldCalls {
    private(set) var started = 0
    private(set) var running = 0
    private(set) var mostAtOnce = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }

    /// Counts a call in and holds it until `open()`.
    func enter() async {
        started += 1
        running += 1
        mostAtOnce = max(mostAtOnce, running)
        if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        running -= 1
    }

    /// Polls (with `Task.sleep`) until `started` reaches `count`, for at most `limit`.
    func waitForStarted(_ count: Int, limit: Duration = .seconds(10)) async -> Int {
        let deadline = ContinuousClock.now + limit
        while started < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return started
    }
}
