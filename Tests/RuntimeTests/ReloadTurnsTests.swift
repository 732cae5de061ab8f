import Synchronization
import Testing

@testable import Runtime

/// Reloads take turns: a second one waits until the first has left, and they go in order.
@Suite struct ReloadTurnsTests {
    @Test func aSecondReloadWaitsForTheFirstAndTheyGoInOrder() async {
        let turns = ReloadTurns()
        let order = Mutex<[String]>([])
        await turns.enter()
        order.withLock { $0.append("first in") }
        async let second: Void = {
            await turns.enter()
            order.withLock { $0.append("second in") }
            await turns.leave()
        }()
        // However long the first holds its turn, the second does not get in.
        for _ in 0..<200 { await Task.yield() }
        #expect(order.withLock { $0 } == ["first in"])
        order.withLock { $0.append("first out") }
        await turns.leave()
        await second
        #expect(order.withLock { $0 } == ["first in", "first out", "second in"])
        // Free again: the next caller enters at once.
        await turns.enter()
        await turns.leave()
    }
}
