import Dispatch
import Foundation
import ResultLog
import Synchronization
import TestFixtures
import Testing
import TokenModel

@testable import Runtime

/// The refresher's history source shared by everyone who asks: one reading for many requests,
/// its answer reused for a short time, only the served profiles asked for, and what could not
/// be read logged once, not on every reading.
@Suite struct ResultLogHistorySharingTests {
    /// A reader that counts its readings and answers from `answer`; `hold` keeps a reading
    /// waiting until `open()`, so the requests made meanwhile find it under way.
    final class CountingReader: Sendable {
        let readings = Mutex<[Set<String>?]>([])
        let answer: Mutex<AttemptHistory>
        private let held = DispatchSemaphore(value: 0)
        private let hold: Bool
        private let opened = Mutex(false)

        init(_ answer: AttemptHistory, hold: Bool = false) {
            self.answer = Mutex(answer)
            self.hold = hold
        }

        var count: Int { readings.withLock { $0.count } }

        func read(since: Date, limit: Int, profiles: Set<String>?) -> AttemptHistory {
            readings.withLock { $0.append(profiles) }
            if hold && !opened.withLock({ $0 }) { held.wait() }
            return answer.withLock { $0 }
        }

        /// Lets the held reading go, and any other that was held (so a broken source fails the
        /// test instead of hanging it).
        func open() {
            // Set before counting: a reading not counted here sees it set and does not wait.
            opened.withLock { $0 = true }
            for _ in 0..<count { held.signal() }
        }
    }

    /// A value the test changes and the source reads (a Mutex alone cannot be captured).
    final class Shared<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        func get() -> Value { value.withLock { $0 } }
        func set(_ new: Value) { value.withLock { $0 = new } }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ n: Int, profile: String = "acme-pay") -> AttemptRecord {
        AttemptRecord(
            profile: profile, trigger: .manual, startedAt: now.addingTimeInterval(Double(n) - 100), outcome: .success)
    }

    static func source(
        _ reader: CountingReader, clock: Shared<Date>? = nil,
        profiles: @escaping @Sendable () async -> Set<String>? = { ["acme-pay"] },
        logger: LogCapture = LogCapture(), stamp: Shared<ResultLogStamp?>? = nil
    ) -> ResultLogHistory {
        ResultLogHistory(
            path: "/x/results.jsonl", profiles: profiles, logger: logger.logger, now: { clock?.get() ?? now },
            stamp: { stamp?.get() ?? nil }, reader: reader.read)
    }

    @Test func manyRequestsAtOnceReadTheLogOnce() async {
        let reader = CountingReader(AttemptHistory(records: (1...50).map { Self.record($0) }), hold: true)
        let source = Self.source(reader)
        let since = Self.now.addingTimeInterval(-86_400)
        let answers = await withTaskGroup(of: AttemptHistory.self) { group in
            for _ in 0..<40 {
                group.addTask { await source.history(since: since, limit: 10_000) }
            }
            group.addTask {
                // Opened once the reading is under way; the others join it or reuse its answer.
                while reader.count == 0 { await Task.yield() }
                reader.open()
                return AttemptHistory()
            }
            var answers: [AttemptHistory] = []
            for await answer in group where !answer.records.isEmpty { answers.append(answer) }
            return answers
        }
        #expect(reader.count == 1, "one reading for 40 requests")
        #expect(await source.readings == 1)
        #expect(answers.count == 40 && answers.allSatisfy { $0.records.count == 50 })
        #expect(reader.readings.withLock { $0 } == [["acme-pay"]], "the served profiles are asked for")
        let few = await source.history(since: Self.record(45).finishedAt, limit: 3)
        #expect(few.records == (48...50).map { Self.record($0) }, "a narrower request is cut from the answer")
        #expect(reader.count == 1)
    }

    @Test func theAnswerIsReusedForAShortTimeOnly() async {
        let clock = Shared(Self.now)
        let reader = CountingReader(AttemptHistory(records: [Self.record(1)]))
        let source = Self.source(reader, clock: clock)
        let since = Self.now.addingTimeInterval(-3_600)
        _ = await source.history(since: since, limit: 100)
        clock.set(clock.get().addingTimeInterval(2))
        _ = await source.history(since: since.addingTimeInterval(2), limit: 100)
        #expect(reader.count == 1, "reused within \(ResultLogHistory.reuse)")
        _ = await source.history(since: since.addingTimeInterval(-60), limit: 100)
        _ = await source.history(since: since.addingTimeInterval(2), limit: 101)
        #expect(reader.count == 3, "a wider request is read anew")
        clock.set(clock.get().addingTimeInterval(ResultLogHistory.reuse.seconds))
        _ = await source.history(since: since.addingTimeInterval(10), limit: 100)
        #expect(reader.count == 4, "an answer older than \(ResultLogHistory.reuse) is not reused")
    }

    @Test func aLineWrittenSinceTheReadingIsNotMissed() async {
        let identity = TailFileIdentity(device: 1, inode: 2)
        let stamp = Shared<ResultLogStamp?>(ResultLogStamp(identity: identity, size: 1_000))
        let reader = CountingReader(AttemptHistory(records: [Self.record(1)]))
        let source = Self.source(reader, stamp: stamp)
        _ = await source.history(since: Self.now.addingTimeInterval(-3_600), limit: 10)
        _ = await source.history(since: Self.now.addingTimeInterval(-3_600), limit: 10)
        #expect(reader.count == 1, "nothing written: reused")
        stamp.set(ResultLogStamp(identity: identity, size: 1_300))
        reader.answer.withLock { $0.records.append(Self.record(2)) }
        let after = await source.history(since: Self.now.addingTimeInterval(-3_600), limit: 10)
        #expect(reader.count == 2, "a line written since: read anew")
        #expect(after.records.count == 2)
        stamp.set(ResultLogStamp(identity: TailFileIdentity(device: 1, inode: 3), size: 0))
        _ = await source.history(since: Self.now.addingTimeInterval(-3_600), limit: 10)
        #expect(reader.count == 3, "rotated since: read anew")
    }

    @Test func anotherProfileSetIsReadAnew() async {
        let profiles = Shared<Set<String>>(["acme-pay"])
        let reader = CountingReader(AttemptHistory())
        let source = Self.source(reader, profiles: { profiles.get() })
        _ = await source.history(since: Self.now, limit: 10)
        profiles.set(["acme-pay", "beta-pay"])
        _ = await source.history(since: Self.now, limit: 10)
        #expect(reader.readings.withLock { $0 } == [["acme-pay"], ["acme-pay", "beta-pay"]])
    }

    @Test func whatCouldNotBeReadIsLoggedWhenItChanges() async {
        let clock = Shared(Self.now)
        let reader = CountingReader(AttemptHistory(skipped: 2, problems: ["/x/results.jsonl.1 is a symbolic link"]))
        let log = LogCapture()
        let source = Self.source(reader, clock: clock, logger: log)
        for _ in 1...5 {
            _ = await source.history(since: Self.now, limit: 10)
            clock.set(clock.get().addingTimeInterval(60))
        }
        #expect(reader.count == 5)
        #expect(log.all.filter { $0.contains("2 unreadable lines skipped") }.count == 1, "\(log.all)")
        #expect(log.all.filter { $0.contains("symbolic link") }.count == 1, "\(log.all)")
        reader.answer.withLock { $0.skipped = 3 }
        _ = await source.history(since: Self.now, limit: 10)
        #expect(log.all.filter { $0.contains("3 unreadable lines skipped") }.count == 1, "\(log.all)")
        #expect(log.all.count == 4, "a change logs the reading again: \(log.all)")
        reader.answer.withLock { $0 = AttemptHistory() }
        clock.set(clock.get().addingTimeInterval(60))
        _ = await source.history(since: Self.now, limit: 10)
        #expect(log.all.count == 4, "a clean reading logs nothing")
    }
}
