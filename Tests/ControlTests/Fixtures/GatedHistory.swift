import Foundation
import TokenModel

/// An `AttemptHistorySource` whose answers all wait until `open()`: to hold `history` requests
/// in flight and count how many the server lets in at once.
actor GatedHistory: AttemptHistorySource {
    let calls = HeldCalls()

    var started: Int { get async { await calls.started } }
    var mostAtOnce: Int { get async { await calls.mostAtOnce } }
    func open() async { await calls.open() }
    func waitForStarted(_ count: Int) async -> Int { await calls.waitForStarted(count) }

    func history(since: Date, limit: Int) async -> AttemptHistory {
        await calls.enter()
        return AttemptHistory(records: [FakeHistory.record(1, start: Date().addingTimeInterval(-60))])
    }
}
