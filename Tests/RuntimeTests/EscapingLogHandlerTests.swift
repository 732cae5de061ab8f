import Foundation
import Logging
import Synchronization
import Testing

@testable import Runtime
@testable import TokenModel

/// The stderr log handler: swift-log's line format, with every message, metadata value and error
/// escaped, so text a server sent neither drives the terminal nor splits a line.
@Suite struct EscapingLogHandlerTests {
    /// Collects what the stream handler writes.
    final class Captured: Sendable {
        let text = Mutex("")
    }

    struct CapturingStream: TextOutputStream, Sendable {
        let captured: Captured
        mutating func write(_ string: String) { captured.text.withLock { $0 += string } }
    }

    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F} नमस्ते 🙂\nsecond line"

    static func logger(_ captured: Captured) -> Logger {
        Logger(label: "tokentop") { label in
            var handler = EscapingLogHandler(
                StreamLogHandler(label: label, stream: CapturingStream(captured: captured)))
            handler.logLevel = .trace
            return handler
        }
    }

    static func rawControls(_ text: String) -> Int {
        text.unicodeScalars.count { $0 != "\n" && TerminalText.isControl($0) }
    }

    @Test func messageMetadataAndErrorAreEscapedOnOneLine() {
        let captured = Captured()
        var logger = Self.logger(captured)
        logger[metadataKey: "sink"] = "\(Self.hostile)"
        struct ServerSaid: Error, CustomStringConvertible {
            var description: String { EscapingLogHandlerTests.hostile }
        }
        logger.warning(
            "nova: \(Self.hostile)", error: ServerSaid(),
            metadata: ["location": "\(Self.hostile)", "codes": ["\u{9B}", "ok"]])
        let text = captured.text.withLock { $0 }
        #expect(text.hasSuffix("\n"))
        #expect(text.split(separator: "\n").count == 1, "\(text)")
        #expect(Self.rawControls(text) == 0, "\(text)")
        let escaped = #"\x1B]0;pwned\x07\x1B[2J\x9B31m\x7F नमस्ते 🙂\x0Asecond line"#
        #expect(text.contains("warning tokentop: "))
        #expect(text.contains("] nova: \(escaped)\n"), "\(text)")
        #expect(text.contains("sink=\(escaped)"), "\(text)")
        #expect(text.contains("location=\(escaped)"), "\(text)")
        #expect(text.contains(#"codes=["\\x9B", "ok"]"#), "\(text)")
        #expect(text.contains("error.message=\(escaped)"), "\(text)")
    }

    @Test func plainLinesKeepSwiftLogsFormat() {
        let captured = Captured()
        let logger = Self.logger(captured)
        logger.info("sink written", metadata: ["profile": "acme"])
        let text = captured.text.withLock { $0 }
        #expect(text.hasSuffix(" info tokentop: profile=acme [RuntimeTests] sink written\n"), "\(text)")
    }
}
