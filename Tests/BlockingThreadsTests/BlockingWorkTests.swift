import Foundation
import Synchronization
import Testing

@testable import BlockingThreads

/// How many jobs run at once, and the most that ever did.
private final class Peak: Sendable {
    private let counts = Mutex((now: 0, max: 0))
    func enter() { counts.withLock { $0.now += 1; $0.max = Swift.max($0.max, $0.now) } }
    func leave() { counts.withLock { $0.now -= 1 } }
    var max: Int { counts.withLock { $0.max } }
}

@Suite("BlockingWork")
struct BlockingWorkTests {
    /// Many slow jobs at once: never more than `limit` threads, and every job runs.
    @Test func runsEveryJobOnAtMostLimitThreads() async {
        let peak = Peak()
        let jobs = BlockingWork.limit * 3
        let results = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
            for i in 0..<jobs {
                group.addTask {
                    await BlockingWork.run {
                        peak.enter()
                        usleep(20_000)
                        peak.leave()
                        return i
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<jobs))
        #expect(peak.max <= BlockingWork.limit)
        #expect(peak.max > 1, "jobs ran one at a time")
    }
}
