import Foundation
import Logging
import Testing
import UnixSignals

@testable import Runtime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGHUP delivered as a reload while the group runs, and not after its stop.
@Suite struct ReloadSignalServiceTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func aSighupIsAReloadUntilTheGroupStops() async throws {
        // Ignored by default for the whole test process, as the daemon's `ProcessSignals` does:
        // the dispatch source still sees every arrival.
        signal(SIGHUP, SIG_IGN)
        let signals = await UnixSignalsSequence(trapping: .sighup)
        let recorder = StopRecorder()
        let service = ReloadSignalService(signals: signals) { recorder.record("reload") }
        _ = try await ServiceGroupRun.run([service], logger: Self.quiet) { _ in
            kill(getpid(), SIGHUP)
            let deadline = ContinuousClock.now + .seconds(10)
            while recorder.order.isEmpty && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(recorder.order == ["reload"])
        kill(getpid(), SIGHUP)
        try await Task.sleep(for: .milliseconds(100))
        #expect(recorder.order == ["reload"])
    }
}
