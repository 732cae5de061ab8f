import Logging
import TokenModel

/// A log handler for human lines that escapes control characters (`TerminalText`) in every
/// message, metadata value and error before `inner` formats them: text a server sent (a
/// `resultMessage`, a `Location`) can neither drive the terminal or journal viewer nor break the
/// one-line-per-event rule. The format stays `inner`'s.
struct EscapingLogHandler<Inner: LogHandler>: LogHandler {
    private var inner: Inner
    /// Applied here, escaped, rather than by `inner`, whose copy of it is cleared.
    var metadataProvider: Logger.MetadataProvider?

    init(_ inner: Inner) {
        self.inner = inner
        metadataProvider = inner.metadataProvider
        self.inner.metadataProvider = nil
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = Self.escaped(newValue) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue.map(Self.escaped) }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: TerminalText.escaped(event.message.description))
        var explicit = metadataProvider?.get() ?? [:]
        explicit.merge(event.metadata ?? [:]) { _, given in given }
        if let error = event.error {
            explicit["error.message"] = .string("\(error)")
            explicit["error.type"] = .string(String(reflecting: type(of: error)))
            event.error = nil
        }
        event.metadata = explicit.isEmpty ? nil : Self.escaped(explicit)
        event.source = TerminalText.escaped(event.source)
        inner.log(event: event)
    }

    static func escaped(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { result, pair in
            result[TerminalText.escaped(pair.key)] = escaped(pair.value)
        }
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(TerminalText.escaped(text))
        case .stringConvertible(let item): .string(TerminalText.escaped(item.description))
        case .array(let items): .array(items.map(escaped))
        case .dictionary(let items): .dictionary(escaped(items))
        }
    }
}
