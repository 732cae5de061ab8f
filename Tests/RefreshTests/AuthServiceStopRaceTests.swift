import Foundation
import TestFixtures
import Testing

@testable import EnKashClient
@testable import Refresh
@testable import TokenModel

/// A token that arrives just as the stop begins is logged and must reach its sink too: the
/// stop never ends with a logged success whose sink was not written.
extension AuthServiceTests {
    @Test func aTokenThatArrivesAsTheStopBeginsStillReachesItsSink() async throws {
        let holder = ServiceHolder()
        let log = StoppingAttemptLog(holder: holder)
        let delivery = RecordingDelivery()
        var policy = RefreshPolicy()
        policy.startSpread = .zero
        let auth = AuthService(
            profiles: [TestProfiles.make("a")],
            client: TokenClient(transport: succeeding(lifetime: .seconds(600)), time: time),
            policy: policy, resultLog: log, seed: 42, delivery: delivery)
        holder.service = auth
        let recorder = EventRecorder(await auth.events())
        await auth.start()
        #expect(await settle(recorder) { $0.finished.count == 1 })
        await auth.shutdown()
        #expect(log.outcomes == ["success"])
        #expect(await auth.stopping)
        #expect(delivery.finished.count == 1, "the logged success was not delivered to its sink")
    }
}
