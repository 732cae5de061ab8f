import Foundation
import TestFixtures
import Testing

@testable import EnKashClient
@testable import Refresh
@testable import TokenModel

/// A follower that falls behind the start-up burst (on the test clock): it still gets every
/// attempt in order and each profile's newest status, and its backlog holds one status per
/// profile, not every status sent.
extension AuthServiceTests {
    @Test func aFollowerBehindTheStartUpBurstGetsEveryAttemptAndTheNewestStatuses() async throws {
        let names = (0..<300).map { "p\($0)" }
        let transport = succeeding(lifetime: .seconds(3_600))
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        let auth = AuthService(
            profiles: names.map { TestProfiles.make($0) }, client: TokenClient(transport: transport, time: time),
            concurrency: 64, policy: policy, seed: 42, coalesceEventsAfter: 16)
        let live = EventRecorder(await auth.events())
        // Not read until the burst is over.
        let behind = await auth.events()
        await auth.start()
        // 300 requests through real tasks: a deadline that only matters when it is broken, long
        // enough for a loaded machine.
        #expect(await settle(live, limit: .seconds(60)) { $0.finished.count == names.count })
        await auth.shutdown()

        var events: [AuthEvent] = []
        for await event in behind { events.append(event) }
        let finished = events.compactMap { if case .attemptFinished(let r) = $0 { r.profile } else { nil } }
        #expect(finished == live.finished.map(\.profile))
        let statuses = events.compactMap { if case .stateChanged(let s) = $0 { s } else { nil } }
        // The service sent two per profile (fetching, then valid); this follower got about one.
        #expect(statuses.count < 2 * names.count)
        var last: [String: ProfileState] = [:]
        for status in statuses { last[status.name] = status.state }
        #expect(last.count == names.count)
        #expect(last.values.allSatisfy { $0 == .valid })
    }
}
