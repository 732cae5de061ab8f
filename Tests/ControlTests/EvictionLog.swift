import Synchronization

/// What a budget's eviction callbacks were told, in order.
final class EvictionLog: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
