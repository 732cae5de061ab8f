import Logging

/// swift-log's output for the commands without a screen: human lines on stderr, with control
/// characters escaped (`EscapingLogHandler`).
public enum StandardErrorLogging {
    /// Sends every logger's output to stderr at `level`; returns the root logger.
    public static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = EscapingLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        return Logger(label: "tokentop")
    }
}
