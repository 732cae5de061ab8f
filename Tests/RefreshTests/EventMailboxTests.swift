import Foundation
import TestFixtures
import Testing

@testable import Refresh
@testable import TokenModel

/// The follower mailbox behind `AuthService.events()`: bounded during a burst, nothing that
/// matters lost. Pure: events are posted and read directly, nothing waits on a clock.
@Suite struct EventMailboxTests {
    static let at = TestProfiles.origin

    static func status(_ name: String, _ state: ProfileState) -> ProfileStatus {
        ProfileStatus(
            name: name, merchant: "M", environment: "uat", host: "example.test", baseURL: "https://example.test",
            maskedAccessKey: "AK…", tags: [], enabled: true, paused: false, state: state)
    }

    static func record(_ name: String) -> AttemptRecord {
        AttemptRecord(profile: name, trigger: .initial, startedAt: at, outcome: .success)
    }

    /// Reads everything queued (the mailbox must be finished first).
    static func drain(_ mailbox: EventMailbox) async -> [AuthEvent] {
        var events: [AuthEvent] = []
        while let event = await mailbox.next() { events.append(event) }
        return events
    }

    /// One profile's start-up as the service sends it.
    static func burst(_ names: [String], into mailbox: EventMailbox) {
        for name in names {
            mailbox.post(.stateChanged(status(name, .fetching)))
            mailbox.post(.attemptStarted(profile: name, trigger: .initial, at: at))
        }
        for name in names {
            mailbox.post(.attemptFinished(record(name)))
            mailbox.post(.stateChanged(status(name, .valid)))
        }
    }

    @Test func belowTheThresholdEveryEventArrivesAsSent() async {
        let mailbox = EventMailbox(coalesceAfter: 100)
        Self.burst(["a", "b"], into: mailbox)
        mailbox.finish()
        let events = await Self.drain(mailbox)
        #expect(events.count == 8)
        let states = events.compactMap { if case .stateChanged(let s) = $0 { "\(s.name):\(s.state)" } else { nil } }
        #expect(states == ["a:fetching", "b:fetching", "a:valid", "b:valid"])
    }

    @Test func anExpiryIsNeverCoalescedAway() async {
        let names = (0..<200).map { "p\($0)" }
        let mailbox = EventMailbox(coalesceAfter: 8)
        // Far behind: every profile's token expires, then a retry starts and fails.
        for name in names { mailbox.post(.stateChanged(Self.status(name, .valid))) }
        for name in names { mailbox.post(.stateChanged(Self.status(name, .expired))) }
        for name in names { mailbox.post(.stateChanged(Self.status(name, .fetching))) }
        for name in names { mailbox.post(.stateChanged(Self.status(name, .expired))) }
        mailbox.finish()
        let events = await Self.drain(mailbox)
        var expiries: [String: Int] = [:]
        var lastState: [String: ProfileState] = [:]
        for case .stateChanged(let status) in events {
            if status.state == .expired { expiries[status.name, default: 0] += 1 }
            lastState[status.name] = status.state
        }
        // Both expiries of every profile arrive (the journal line is written for each), and the
        // newest status of each profile is still the last one it gets.
        #expect(expiries.count == names.count)
        #expect(expiries.values.allSatisfy { $0 == 2 })
        #expect(lastState.values.allSatisfy { $0 == .expired })
        // The other statuses were still coalesced: fewer than were posted.
        #expect(events.count < 4 * names.count)
    }

    @Test func aBurstKeepsOneStatusPerProfileAndEveryAttemptInOrder() async {
        let names = (0..<1_000).map { "p\($0)" }
        let mailbox = EventMailbox(coalesceAfter: 16)
        Self.burst(names, into: mailbox)
        // 4,000 events were posted; the statuses of profiles already pending were replaced.
        #expect(mailbox.pendingCount < 3_100)
        mailbox.finish()
        let events = await Self.drain(mailbox)

        let finished = events.compactMap { if case .attemptFinished(let r) = $0 { r.profile } else { nil } }
        let started = events.compactMap { if case .attemptStarted(let p, _, _) = $0 { p } else { nil } }
        #expect(finished == names)
        #expect(started == names)
        var lastState: [String: ProfileState] = [:]
        var finishedSeen: Set<String> = []
        var statusCount = 0
        var validBeforeItsAttempt: [String] = []
        for event in events {
            if case .attemptFinished(let record) = event { finishedSeen.insert(record.profile) }
            guard case .stateChanged(let status) = event else { continue }
            statusCount += 1
            lastState[status.name] = status.state
            // A status never arrives before an attempt event of its profile that was sent
            // before it: a `valid` comes after that profile's `attemptFinished`.
            if status.state == .valid, !finishedSeen.contains(status.name) { validBeforeItsAttempt.append(status.name) }
        }
        #expect(validBeforeItsAttempt.isEmpty)
        #expect(lastState.count == names.count)
        #expect(lastState.values.allSatisfy { $0 == .valid })
        #expect(statusCount < 2 * names.count)
    }

    @Test func repeatedStatusesOfFewProfilesStayBounded() async {
        let mailbox = EventMailbox(coalesceAfter: 8)
        for round in 0..<10_000 {
            // Only the last status of each profile (rounds 9,990-9,999) says `valid`.
            mailbox.post(.stateChanged(Self.status("p\(round % 10)", round >= 9_990 ? .valid : .fetching)))
        }
        #expect(mailbox.pendingCount <= 8 + 10)
        // Skipped entries are dropped once they are most of the queue.
        #expect(mailbox.storedEntries < 400)
        mailbox.finish()
        let events = await Self.drain(mailbox)
        #expect(events.count <= 8 + 10)
        var last: [String: ProfileState] = [:]
        for case .stateChanged(let status) in events { last[status.name] = status.state }
        #expect(last.count == 10)
        #expect(last.values.allSatisfy { $0 == .valid })
    }

    @Test func aWaitingReaderGetsTheNextEventAndTheEnd() async {
        let mailbox = EventMailbox()
        let reader = Task { await Self.drain(mailbox) }
        // Post once the reader waits (or before: both must work).
        for _ in 0..<20 { await Task.yield() }
        mailbox.post(.attemptFinished(Self.record("a")))
        mailbox.finish()
        let events = await reader.value
        #expect(events.count == 1)
        #expect(mailbox.post(.attemptFinished(Self.record("b"))))  // finished, not cancelled
    }

    @Test func aCancelledReaderEndsAndTheMailboxCloses() async {
        let mailbox = EventMailbox()
        mailbox.post(.attemptFinished(Self.record("a")))
        let stream = mailbox.stream()
        let reader = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        var waited = 0
        while mailbox.pendingCount > 0 && waited < 10_000 {
            await Task.yield()
            waited += 1
        }
        reader.cancel()
        #expect(await reader.value == 1)
        #expect(!mailbox.isOpen)
        #expect(!mailbox.post(.attemptFinished(Self.record("b"))))
        #expect(mailbox.pendingCount == 0)
    }
}
