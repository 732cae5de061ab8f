import Synchronization

/// True the first time it is asked, false afterwards, from any thread: one warning for a
/// failure that may repeat.
final class WarnOnce: Sendable {
    private let asked = Atomic<Bool>(false)

    func first() -> Bool {
        !asked.exchange(true, ordering: .relaxed)
    }
}
