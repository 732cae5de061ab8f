import Foundation
import Logging
import Testing
import UnixSignals

@testable import Runtime

/// SIGHUP delivered as a reload while the group runs, and not after its stop. The signals come
/// from a stream here: a real SIGHUP sent to the test process would reach every test running in
/// it (the daemon's end-to-end tests send real ones to a real daemon).
@Suite struct ReloadSignalServiceTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func aSighupIsAReloadUntilTheGroupStops() async throws {
        let (signals, arrive) = AsyncStream<UnixSignal>.makeStream()
        let recorder = StopRecorder()
        let service = ReloadSignalService(signals: signals) { recorder.record("reload") }
        _ = try await ServiceGroupRun.run([service], logger: Self.quiet) { _ in
            arrive.yield(.sighup)
            let deadline = ContinuousClock.now + .seconds(10)
            while recorder.order.isEmpty && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(recorder.order == ["reload"])
        arrive.yield(.sighup)
        try await Task.sleep(for: .milliseconds(100))
        #expect(recorder.order == ["reload"])
    }
}
