import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP as an async stream, for the daemon.
///
/// Async-signal-safe: the signals' default actions are set to ignore, and a `DispatchSource`
/// (kqueue/signalfd-style delivery by libdispatch, not a C handler) turns each arrival into a
/// stream element on an ordinary thread. Installed before anything else starts, so a SIGTERM
/// during start-up is not lost; `cancel()` restores the default actions.
final class DaemonSignals: Sendable {
    static let handled = [SIGINT, SIGTERM, SIGHUP]

    let stream: AsyncStream<Int32>
    // DispatchSourceSignal is thread-safe to cancel; the array itself is never mutated.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init() {
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .unbounded)
        self.stream = stream
        sources = Self.handled.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, SIG_DFL) }
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
