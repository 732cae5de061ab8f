import Clocks
import EnKashClient
import Foundation
import Refresh
import ResultLog
import Soak
import Synchronization
import TestFixtures
import Testing
import TokenModel

/// Counts the service's finished attempts from its event stream.
final class FinishedCounter: Sendable {
    private final class Storage: Sendable {
        let value = Mutex(0)
    }

    private let storage = Storage()
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<AuthEvent>) {
        let storage = self.storage
        task = Task {
            for await event in stream {
                if case .attemptFinished = event { storage.value.withLock { $0 += 1 } }
            }
        }
    }

    deinit { task.cancel() }

    var count: Int { storage.value.withLock { $0 } }
}
