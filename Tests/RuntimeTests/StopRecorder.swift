import Synchronization

/// The order in which things happened, across tasks.
final class StopRecorder: Sendable {
    private let names = Mutex<[String]>([])

    var order: [String] { names.withLock { $0 } }

    func record(_ name: String) { names.withLock { $0.append(name) } }
}
