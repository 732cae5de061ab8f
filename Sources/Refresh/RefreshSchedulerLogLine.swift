import TokenModel

extension RefreshScheduler {
    /// A line for the operator's log, decided by the scheduler (the owner picks the logger).
    public struct LogLine: Sendable, Equatable {
        public enum Level: Sendable, Equatable {
            case info, warning
        }

        public var level: Level
        public var message: String
        public var metadata: [String: String]

        public init(_ level: Level, _ message: String, metadata: [String: String] = [:]) {
            self.level = level
            self.message = message
            self.metadata = metadata
        }
    }
}
