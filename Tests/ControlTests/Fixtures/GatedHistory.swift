import Foundation
import TokenModel

/// An `AttemptHistorySource` whose answers all wait until `open()`: to hold `history` requests
/// in flight and count how many the server lets in at once.
actor GatedHistory: AttemptHistorySource {
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

    func history(since: Date, limit: Int) async -> AttemptHistory {
        started += 1
        running += 1
        mostAtOnce = max(mostAtOnce, running)
        if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        running -= 1
        return AttemptHistory(records: [FakeHistory.record(1, start: Date().addingTimeInterval(-60))])
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
