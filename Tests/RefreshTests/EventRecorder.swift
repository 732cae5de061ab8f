import Foundation
import Synchronization
import TokenModel

/// Follows an auth service's event stream and lets a test wait for what it expects. Waiting
/// yields to other tasks (and naps for a millisecond between rounds); it never waits on a timer
/// of the code under test, and gives up after a few real seconds so a bug fails, not hangs.
final class EventRecorder: Sendable {
    private final class Storage: Sendable {
        let events = Mutex<[AuthEvent]>([])
    }

    private let storage = Storage()
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<AuthEvent>) {
        let storage = self.storage
        task = Task {
            for await event in stream { storage.events.withLock { $0.append(event) } }
        }
    }

    deinit { task.cancel() }

    var all: [AuthEvent] { storage.events.withLock { $0 } }

    var finished: [AttemptRecord] {
        all.compactMap { if case .attemptFinished(let record) = $0 { record } else { nil } }
    }

    func finished(_ profile: String) -> [AttemptRecord] { finished.filter { $0.profile == profile } }

    var sinkReports: [SinkReport] {
        all.compactMap { if case .sinkWritten(let report) = $0 { report } else { nil } }
    }

    var reloads: [ReloadSummary] {
        all.compactMap { if case .reloaded(let summary) = $0 { summary } else { nil } }
    }

    func states(_ profile: String) -> [ProfileState] {
        all.compactMap { if case .stateChanged(let status) = $0, status.name == profile { status.state } else { nil } }
    }

    /// Waits until `condition` holds; returns false after `limit` of real time.
    @discardableResult
    func wait(limit: Duration = .seconds(5), until condition: @Sendable (EventRecorder) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            for _ in 0..<20 { await Task.yield() }
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return condition(self)
    }
}
