import Foundation
import Synchronization
import Testing

@testable import BlockingThreads

/// How many jobs run at once, and the most that ever did.
final class Peak: Sendable {
    private let counts = Mutex((now: 0, max: 0))
    func enter() {
        counts.withLock {
            $0.now += 1
            $0.max = Swift.max($0.max, $0.now)
        }
    }
    func leave() { counts.withLock { $0.now -= 1 } }
    var max: Int { counts.withLock { $0.max } }
}
