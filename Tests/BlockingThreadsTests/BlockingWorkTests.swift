import Foundation
import Synchronization
import Testing

@testable import BlockingThreads

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
