import Control
import Foundation
import Logging
import Operations
import ResultLog
import ServiceLifecycle
import Terminal
import TestFixtures
import Testing
import UnixSignals

@testable import Runtime

/// The one start/stop sequence: which parts a refreshing process runs, in which order they
/// stop, and a real owner (the demo sandbox on loopback) stopping with nothing left behind.
@Suite struct StopOrderTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func partsStopInReverseOrderOnceTheForegroundReturns() async throws {
        let recorder = StopRecorder()
        let services = ["sandbox", "metrics", "events", "refresh", "control"].map {
            RecordingService(name: $0, recorder: recorder)
        }
        let value = try await ServiceGroupRun.run(services, logger: Self.quiet) { _ in
            recorder.record("screen closed")
            return 7
        }
        #expect(value == 7)
        #expect(recorder.order == ["screen closed", "control", "refresh", "events", "metrics", "sandbox"])
    }

    @Test func theDaemonsPartsAndTheDashboardsAreInTheDocumentedOrder() async throws {
        let scratch = try ScratchDirectory()
        let loaded = try await ProfileSource(config: nil, demo: true, strict: false)
            .load(environment: scratch.environment, logger: Self.quiet)
        let resultLog = try ResultLog(destination: .file(scratch.path + "/results.jsonl"))
        let owner = try await OwnerRun.start(
            loaded, instance: nil, resultLog: resultLog, environment: scratch.environment, strict: false,
            logger: Self.quiet)
        let metrics = try await OperationsServer.start(
            at: BindAddress(host: "127.0.0.1", port: 0), metrics: TokenMetrics(), snapshot: { [] }, logger: Self.quiet)
        let control = try await ControlServer.bind(
            path: scratch.path + "/c.sock", service: StaticTokenService(), role: .daemon, config: "DEMO")
        let signals = await UnixSignalsSequence(trapping: .sighup)

        let daemon = OwnerParts(
            control: control, metrics: metrics,
            events: EventForwarder(events: AsyncStream { $0.finish() }, drains: true) { _ in }, reloadSignals: signals)
        #expect(
            owner.services(daemon).map { "\($0)" } == [
                "sandbox", "metrics", "events", "refresh", "control", "reload-signal",
            ])
        // The dashboard's commands stop being taken after the refresher has stopped (which answers
        // every refresh they wait for); its screen's events stop first.
        let commands = DashboardCommandQueue(service: StaticTokenService(), inbox: try MessageInbox())
        let dashboard = OwnerParts(
            control: control, events: EventForwarder(events: AsyncStream { $0.finish() }, drains: false) { _ in },
            commands: commands)
        #expect(owner.services(dashboard).map { "\($0)" } == ["sandbox", "commands", "refresh", "control", "events"])

        await control.close()
        await metrics.stop()
        await owner.stopEarly()
    }
}
