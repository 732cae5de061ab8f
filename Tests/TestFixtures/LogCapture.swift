import Logging
import Synchronization

/// A swift-log handler that keeps every message, for tests that check what was logged.
public final class LogCapture: Sendable {
    public let messages = Mutex<[String]>([])

    public init() {}

    public var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    public var all: [String] { messages.withLock { $0 } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.messages.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }
}
