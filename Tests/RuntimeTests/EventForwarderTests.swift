import Logging
import Testing
import TokenModel

@testable import Runtime

/// The daemon's forwarder reads every event to the end of the stream; the dashboard's is let go
/// at its turn, even while its handler is held back.
@Suite struct EventForwarderTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func aDrainingForwarderReadsTheLastEventsBeforeItStops() async throws {
        let recorder = StopRecorder()
        let (events, continuation) = AsyncStream<AuthEvent>.makeStream()
        let forwarder = EventForwarder(events: events, drains: true) { event in
            if case .reloaded(let summary) = event { recorder.record(summary.added.joined()) }
        }
        // Stands in for the refresher: its last events come while it stops, then the stream ends.
        let refresher = ClosingService(recorder: recorder) {
            continuation.yield(.reloaded(ReloadSummary(added: ["last"])))
            continuation.finish()
        }
        _ = try await ServiceGroupRun.run([forwarder, refresher], logger: Self.quiet) { _ in
            continuation.yield(.reloaded(ReloadSummary(added: ["first"])))
            while !recorder.order.contains("first") { await Task.yield() }
        }
        #expect(recorder.order == ["first", "refresher stopped", "last"])
    }

    @Test func aForwarderThatDoesNotDrainIsLetGoWhileItsHandlerWaits() async throws {
        let recorder = StopRecorder()
        let (events, continuation) = AsyncStream<AuthEvent>.makeStream()
        let forwarder = EventForwarder(events: events, drains: false) { _ in
            recorder.record("held")
            // A screen that no longer reads: only cancellation ends this.
            try? await Task.sleep(for: .seconds(3600))
            recorder.record(Task.isCancelled ? "let go" : "slept")
        }
        let started = ContinuousClock.now
        _ = try await ServiceGroupRun.run([forwarder], logger: Self.quiet) { _ in
            continuation.yield(.reloaded(ReloadSummary()))
            while !recorder.order.contains("held") { await Task.yield() }
        }
        #expect(recorder.order == ["held", "let go"])
        #expect(ContinuousClock.now - started < .seconds(60))
        continuation.finish()
    }
}
